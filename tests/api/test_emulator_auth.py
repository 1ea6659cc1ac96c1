"""The emulator's token endpoint and bearer checks answer as Zoom's Server-to-Server OAuth does."""

from __future__ import annotations

import requests

from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig
from zoom_blocklist_provider.emulator.config import GRANULAR_SCOPES, READ_SCOPE

GRANT = {"grant_type": "account_credentials", "account_id": "emulator-account"}
CLIENT = ("emulator-client", "emulator-secret")


def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    return session


def _token(emu: Emulator) -> str:
    return str(_session().post(emu.oauth_url, data=GRANT, auth=CLIENT).json()["access_token"])


def _get(emu: Emulator, token: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return _session().get(f"{emu.api_url}/phone/blocked_list", headers=headers)


def test_token_endpoint_accepts_form_body(emu: Emulator) -> None:
    response = _session().post(emu.oauth_url, data=GRANT, auth=CLIENT)
    body = response.json()
    assert response.status_code == 200
    assert sorted(body) == ["access_token", "expires_in", "scope", "token_type"]
    assert (body["token_type"], body["expires_in"]) == ("bearer", 3600)
    assert body["scope"].split(" ") == list(GRANULAR_SCOPES)


def test_token_endpoint_accepts_query_string(emu: Emulator) -> None:
    response = _session().post(emu.oauth_url, params=GRANT, auth=CLIENT)
    assert response.status_code == 200
    assert _get(emu, response.json()["access_token"]).status_code == 200


def test_token_endpoint_refuses_wrong_secret(emu: Emulator) -> None:
    response = _session().post(emu.oauth_url, data=GRANT, auth=("emulator-client", "wrong"))
    assert response.status_code == 401
    assert response.json() == {
        "code": 4702,
        "message": "Invalid client_id or client_secret",
        "reason": "Invalid client_id or client_secret",
        "error": "invalid_client",
    }


def test_token_endpoint_refuses_unknown_client_id(emu: Emulator) -> None:
    response = _session().post(emu.oauth_url, data=GRANT, auth=("someone-else", "emulator-secret"))
    assert (response.status_code, response.json()["code"]) == (401, 4702)


def test_token_endpoint_refuses_missing_basic_auth(emu: Emulator) -> None:
    response = _session().post(emu.oauth_url, data=GRANT)
    assert response.status_code == 400
    assert response.json()["code"] == 4706
    assert response.json()["reason"] == "Client ID or client secret is missing."


def test_token_endpoint_refuses_wrong_account_id(emu: Emulator) -> None:
    response = _session().post(emu.oauth_url, data={**GRANT, "account_id": "other"}, auth=CLIENT)
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["reason"]) == (4735, "Invalid account_id.")


def test_token_endpoint_refuses_other_grant_type(emu: Emulator) -> None:
    response = _session().post(emu.oauth_url, data={**GRANT, "grant_type": "client_credentials"}, auth=CLIENT)
    assert response.status_code == 400
    assert response.json()["code"] == 4705
    assert response.json()["error"] == "unsupported_grant_type"


def test_missing_token_is_invalid(emu: Emulator) -> None:
    response = _get(emu, None)
    assert response.status_code == 401
    assert response.json() == {"code": 124, "message": "Invalid access token."}


def test_unknown_token_is_invalid(emu: Emulator) -> None:
    response = _get(emu, "not-a-token")
    assert response.status_code == 401
    assert response.json() == {"code": 124, "message": "Invalid access token."}


def test_expire_tokens_makes_issued_tokens_expired(emu: Emulator) -> None:
    token = _token(emu)
    emu.admin.expire_tokens()
    response = _get(emu, token)
    assert response.status_code == 401
    assert response.json() == {"code": 124, "message": "Access token is expired."}
    assert _get(emu, _token(emu)).status_code == 200


def test_token_expires_after_token_ttl() -> None:
    with Emulator(EmulatorConfig(token_ttl=0)) as short:
        response = _get(short, _token(short))
    assert response.status_code == 401
    assert response.json() == {"code": 124, "message": "Access token is expired."}


def test_reset_keeps_issued_tokens_valid(emu: Emulator) -> None:
    token = _token(emu)
    emu.admin.reset()
    assert _get(emu, token).status_code == 200


def test_token_without_needed_scope_is_refused() -> None:
    scopes = tuple(scope for scope in GRANULAR_SCOPES if scope != READ_SCOPE)
    with Emulator(EmulatorConfig(scopes=scopes)) as limited:
        response = _session().get(
            f"{limited.api_url}/phone/blocked_list/anything",
            headers={"Authorization": f"Bearer {_token(limited)}"},
        )
    assert response.status_code == 400
    assert response.json() == {
        "code": 4711,
        "message": "Invalid access token, does not contain scopes:[phone:read:blocked_list:admin].",
    }


def test_classic_scope_allows_reads() -> None:
    with Emulator(EmulatorConfig(scopes=("phone:read:admin",))) as classic:
        assert _get(classic, _token(classic)).status_code == 200


def test_token_requests_are_logged_without_secrets(emu: Emulator) -> None:
    _token(emu)
    [logged] = emu.admin.requests()
    assert (logged["method"], logged["path"], logged["status"]) == ("POST", "/oauth/token", 200)
    assert "emulator-secret" not in str(logged)
    assert emu.admin.api_calls() == []
