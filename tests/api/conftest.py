"""A session that talks to the emulator as an app with a token would, for tests of the emulator's own answers."""

from __future__ import annotations

import pytest
import requests

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator


def authorized_session(oauth_url: str, secret: str = CLIENT_SECRET) -> requests.Session:
    """A session carrying a fresh bearer token from the token endpoint at `oauth_url`."""
    session = requests.Session()
    session.trust_env = False
    grant = {"grant_type": "account_credentials", "account_id": ACCOUNT_ID}
    token = session.post(oauth_url, data=grant, auth=(CLIENT_ID, secret)).json()
    session.headers["Authorization"] = f"Bearer {token['access_token']}"
    return session


@pytest.fixture
def api(emu: Emulator) -> requests.Session:
    return authorized_session(emu.oauth_url)
