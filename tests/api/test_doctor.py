"""`zoom-blocklist doctor` against the emulator: a good setup, and each broken one a support engineer meets."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest
import requests
from click.testing import CliRunner

from tests.api.client_support import client_for, fresh_process, token_requests
from zoom_blocklist_provider.cli import main
from zoom_blocklist_provider.cli.doctor import Findings, check_endpoints, render
from zoom_blocklist_provider.cli.options import settings_from
from zoom_blocklist_provider.core.settings import KEYS
from zoom_blocklist_provider.emulator import Emulator, EmulatorConfig
from zoom_blocklist_provider.zoom import Credentials, Endpoints
from zoom_blocklist_provider.zoom.auth import TokenSource

SECRET = "emulator-secret"
GOOD_ENV = {"ZOOM_ACCOUNT_ID": "emulator-account", "ZOOM_CLIENT_SECRET": SECRET}
CREDENTIALS_OK = (
    "ok    credentials   account id from environment ZOOM_ACCOUNT_ID, client id from --client-id, "
    "client secret set (environment ZOOM_CLIENT_SECRET)"
)


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    yield from fresh_process()


@pytest.fixture
def closed_port() -> Iterator[int]:
    # Bound but not listening: connecting is refused at once, and no other test can take the port meanwhile.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


def doctor(env: dict[str, str], *args: str) -> tuple[int, list[str]]:
    """Run `zoom-blocklist doctor` with only these ZOOM_* variables set; (exit code, output lines)."""
    clean: dict[str, str | None] = {key.env: None for key in KEYS}
    result = CliRunner().invoke(main, ["doctor", *args], env={**clean, **env}, catch_exceptions=False)
    return result.exit_code, result.output.splitlines()


def emulator_args(emu: Emulator, api_url: str | None = None) -> list[str]:
    return ["--client-id", "emulator-client", "--api-url", api_url or emu.api_url, "--oauth-url", emu.oauth_url]


def test_doctor_passes_a_good_setup_with_exit_0(emu: Emulator) -> None:
    for number in ("+19075550100", "+19075550101"):
        emu.admin.add_entry(phone_number=number, match_type="phoneNumber", block_type="inbound", status="active")
    code, lines = doctor(GOOD_ENV, *emulator_args(emu))
    assert lines == [
        CREDENTIALS_OK,
        f"ok    endpoints     API {emu.api_url} and OAuth {emu.oauth_url} are on one host (127.0.0.1)",
        f"ok    token         issued by {emu.oauth_url} for account emulator-account, valid 60 min",
        "ok    scopes        list, get, create, update and delete allowed (granular scopes)",
        f"ok    list          list works: 2 entries at {emu.api_url}",
    ]
    assert code == 0


def test_doctor_lists_only_the_first_page(emu: Emulator) -> None:
    for n in range(101):
        emu.admin.add_entry(phone_number=f"+1907555{n:04d}", match_type="phoneNumber", block_type="inbound")
    code, lines = doctor(GOOD_ENV, *emulator_args(emu))
    assert (
        lines[4] == f"ok    list          list works: 100 entries (a full first page; more may follow) at {emu.api_url}"
    )
    assert (code, len(emu.admin.api_calls())) == (0, 1)


def test_doctor_names_each_missing_credential_and_both_ways_to_set_it() -> None:
    code, lines = doctor({"ZOOM_ACCOUNT_ID": "acct"})
    assert lines[0] == (
        "FAIL  credentials   account id from environment ZOOM_ACCOUNT_ID, client id missing (no --client-id, "
        "no ZOOM_CLIENT_ID), client secret missing (no ZOOM_CLIENT_SECRET)  -> fix: export ZOOM_CLIENT_ID=... "
        "and ZOOM_CLIENT_SECRET=... in this shell; for the provider, `pulumi config set zoom:clientId ...` and "
        "`pulumi config set --secret zoom:clientSecret ...` (or the same variables)"
    )
    assert lines[2:] == [
        "skip  token         no credentials to ask with (see above)",
        "skip  scopes        no token to read the granted scopes from (see the token line)",
        "skip  list          no token to call the API with (see the token line)",
    ]
    assert code == 1


def test_doctor_reports_a_wrong_secret_and_skips_what_needs_a_token(emu: Emulator) -> None:
    code, lines = doctor({**GOOD_ENV, "ZOOM_CLIENT_SECRET": "wrong-s3cret-value"}, *emulator_args(emu))
    assert lines[2:] == [
        "FAIL  token         get an access token for account emulator-account: HTTP 401, Zoom code 4702: Invalid "
        "client_id or client_secret  -> fix: check zoom:clientId / zoom:clientSecret (or ZOOM_CLIENT_ID / "
        "ZOOM_CLIENT_SECRET)",
        "skip  scopes        no token to read the granted scopes from (see the token line)",
        "skip  list          no token to call the API with (see the token line)",
    ]
    assert (code, "wrong-s3cret-value" in "\n".join(lines)) == (1, False)


def test_doctor_names_exactly_the_missing_scopes() -> None:
    granted = ("phone:read:list_blocked_lists:admin", "phone:read:blocked_list:admin", "phone:write:blocked_list:admin")
    with Emulator(EmulatorConfig(scopes=granted)) as limited:
        code, lines = doctor(GOOD_ENV, *emulator_args(limited))
    assert lines[3] == (
        "FAIL  scopes        missing phone:update:blocked_list:admin, phone:delete:blocked_list:admin  -> fix: add "
        "them to the Server-to-Server OAuth app's scopes in the Zoom App Marketplace and reactivate the app"
    )
    assert (code, lines[4].startswith("ok    list")) == (1, True)


def test_doctor_accepts_the_classic_scopes() -> None:
    with Emulator(EmulatorConfig(scopes=("phone:read:admin", "phone:write:admin"))) as classic:
        code, lines = doctor(GOOD_ENV, *emulator_args(classic))
    assert lines[3] == "ok    scopes        list, get, create, update and delete allowed (classic scopes)"
    assert code == 0


def test_doctor_names_an_unreachable_api_url(emu: Emulator, closed_port: int) -> None:
    api_url = f"http://127.0.0.1:{closed_port}/v2"
    code, lines = doctor(GOOD_ENV, *emulator_args(emu, api_url))
    assert lines[4] == (
        f"FAIL  list          list blocked numbers: could not reach {api_url}/phone/blocked_list: [Errno 111] "
        "Connection refused  -> fix: check the network and the URL (zoom:apiUrl / zoom:oauthUrl, or ZOOM_API_URL / "
        "ZOOM_OAUTH_URL)"
    )
    assert code == 1


def test_doctor_names_an_unreachable_token_url(closed_port: int) -> None:
    oauth_url = f"http://127.0.0.1:{closed_port}/oauth/token"
    code, lines = doctor(GOOD_ENV, "--client-id", "c", "--api-url", "http://127.0.0.1:9/v2", "--oauth-url", oauth_url)
    assert lines[2].startswith(
        f"FAIL  token         get an access token for account emulator-account: could not "
        f"reach {oauth_url}: [Errno 111] Connection refused  -> fix: check the network"
    )
    assert code == 1


def test_doctor_fails_a_zoomgov_api_url_with_a_commercial_token_url_before_any_request() -> None:
    found = Findings(settings_from({"ZOOM_CLOUD": "commercial"}, {"api_url": "https://api.zoomgov.com/v2"}))
    assert render(check_endpoints(found)) == (
        "FAIL  endpoints     API https://api.zoomgov.com/v2 (--api-url) is ZoomGov but OAuth "
        "https://zoom.us/oauth/token (cloud commercial, environment ZOOM_CLOUD) is commercial Zoom  -> fix: use one "
        "cloud: --cloud gov (zoom:cloud / ZOOM_CLOUD) for a ZoomGov account, commercial otherwise, and unset "
        "zoom:apiUrl / zoom:oauthUrl (ZOOM_API_URL / ZOOM_OAUTH_URL) or point both at that cloud"
    )


def test_doctor_passes_the_gov_cloud() -> None:
    found = Findings(settings_from({"ZOOM_CLOUD": "gov"}, {}))
    assert render(check_endpoints(found)) == (
        "ok    endpoints     API https://api.zoomgov.com/v2 and OAuth https://zoomgov.com/oauth/token are both ZoomGov"
    )


def test_doctor_warns_when_custom_api_and_token_hosts_differ() -> None:
    flags = {"api_url": "http://proxy.internal:8080/v2", "oauth_url": "https://zoom.us/oauth/token"}
    result = check_endpoints(Findings(settings_from({}, flags)))
    assert render(result) == (
        "WARN  endpoints     API http://proxy.internal:8080/v2 and OAuth https://zoom.us/oauth/token are on different "
        "hosts (proxy.internal, zoom.us)  -> fix: point zoom:apiUrl and zoom:oauthUrl (ZOOM_API_URL / ZOOM_OAUTH_URL, "
        "or --api-url / --oauth-url) at the same host, or drop both and use --cloud gov or commercial"
    )


def test_doctor_asks_for_a_fresh_token_even_when_one_is_cached(emu: Emulator) -> None:
    credentials = Credentials("emulator-account", "emulator-client", SECRET)
    list(client_for(credentials, Endpoints(emu.api_url, emu.oauth_url)).list())
    code, _ = doctor(GOOD_ENV, *emulator_args(emu))
    assert (code, token_requests(emu)) == (0, 2)


def test_doctor_output_never_holds_the_secret_or_the_issued_token(emu: Emulator) -> None:
    _, lines = doctor(GOOD_ENV, *emulator_args(emu))
    credentials = Credentials("emulator-account", "emulator-client", SECRET)
    with requests.Session() as session:  # the token the doctor left in the cache
        issued = TokenSource(credentials, emu.oauth_url, session=session, timeout=5.0).token()
    output = "\n".join(lines)
    assert (token_requests(emu), SECRET in output, issued.value in output) == (1, False, False)


def test_doctor_hides_a_secret_the_token_endpoint_echoes_back(emu: Emulator) -> None:
    body = json.dumps({"reason": f"client secret {SECRET} is not valid"})
    emu.admin.fault(kind="raw", path="/oauth/token", status=401, body=body, content_type="application/json")
    _, lines = doctor(GOOD_ENV, *emulator_args(emu))
    assert lines[2] == (
        "FAIL  token         get an access token for account emulator-account: HTTP 401: client secret [redacted] is not "
        "valid  -> fix: check zoom:clientId / zoom:clientSecret (or ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET)"
    )
