"""An explicit provider's errors name its own inputs, where the client's hints name the stack config."""

from __future__ import annotations

from zoom_blocklist_provider.core.errors import CREDENTIALS_HINT
from zoom_blocklist_provider.core.settings import ZoomSettings

CLIENT_HINT = "Check zoom:clientId / zoom:clientSecret (or ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET)"


def test_an_explicit_provider_names_its_inputs_in_a_credentials_hint() -> None:
    assert ZoomSettings({}, "emea").in_own_words(f"HTTP 401. {CLIENT_HINT}") == (
        "HTTP 401. Check clientId / clientSecret of provider 'emea' (or ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET)"
    )


def test_an_explicit_provider_names_its_inputs_in_the_general_hints() -> None:
    assert ZoomSettings({}, "emea").in_own_words(CREDENTIALS_HINT) == (
        "check accountId / clientId / clientSecret of provider 'emea' "
        "(or ZOOM_ACCOUNT_ID / ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET in the environment)"
    )
    assert ZoomSettings({}, "emea").in_own_words("the URL (zoom:apiUrl / zoom:oauthUrl, or ZOOM_API_URL)") == (
        "the URL (apiUrl / oauthUrl of provider 'emea', or ZOOM_API_URL)"
    )


def test_the_default_provider_keeps_the_stack_config_keys() -> None:
    assert ZoomSettings({}).in_own_words(CLIENT_HINT) == CLIENT_HINT
