"""`zoom-blocklist export` against the emulator: each format's exact text, skipped entries, and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.cli import main
from zoom_blocklist_provider.core.spec import SpecErrors, normalize
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.zoom.auth import clear_token_cache

RUFF = Path(sys.executable).parent / "ruff"
HEADER = (
    "# Exported from Zoom account emulator-account by `zoom-blocklist export`.\n"
    "# adopt=True takes over each entry as it is: the first `pulumi up` changes nothing.\n"
)


def zoom_env(emu: Emulator, **changes: str | None) -> dict[str, str | None]:
    """Every ZOOM_* variable the command reads, so the developer's own environment cannot leak in."""
    env: dict[str, str | None] = {
        "ZOOM_ACCOUNT_ID": ACCOUNT_ID,
        "ZOOM_CLIENT_ID": CLIENT_ID,
        "ZOOM_CLIENT_SECRET": CLIENT_SECRET,
        "ZOOM_API_URL": emu.api_url,
        "ZOOM_OAUTH_URL": emu.oauth_url,
        "ZOOM_CLOUD": None,
        "ZOOM_RATE_LIMIT": None,
    }
    return {**env, **changes}


def export(emu: Emulator, *args: str, **env: str | None) -> Result:
    return CliRunner().invoke(main, ["export", *args], env=zoom_env(emu, **env))


def seed_two(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+1907", match_type="prefix", block_type="outbound", comment='no "907" calls')
    emu.admin.add_entry(phone_number="+19075550100", status="inactive", comment="INC-4411, robocaller")


def test_export_python_declares_every_entry_with_adopt_sorted_by_name(emu: Emulator) -> None:
    seed_two(emu)
    result = export(emu, "--format", "python")
    assert (result.exit_code, result.stderr) == (0, "Exported 2 entries.\n")
    assert result.stdout == HEADER + (
        "\nfrom zoom_blocklist_provider import BlockedNumber\n"
        '\nBlockedNumber(\n    "number-19075550100-inbound",\n    phone_number="+19075550100",\n'
        '    match_type="phoneNumber",\n    block_type="inbound",\n    status="inactive",\n'
        '    comment="INC-4411, robocaller",\n    adopt=True,\n)\n'
        '\nBlockedNumber(\n    "prefix-1907-outbound",\n    phone_number="+1907",\n    match_type="prefix",\n'
        '    block_type="outbound",\n    status="active",\n    comment=\'no "907" calls\',\n    adopt=True,\n)\n'
    )


def test_export_csv_is_a_blocklist_file_with_adopt_true(emu: Emulator) -> None:
    seed_two(emu)
    assert export(emu, "--format", "csv").stdout == (
        "phone_number,match_type,block_type,status,comment,adopt\n"
        '+19075550100,phoneNumber,inbound,inactive,"INC-4411, robocaller",true\n'
        '+1907,prefix,outbound,active,"no ""907"" calls",true\n'
    )


def test_export_yaml_is_a_blocklist_file_with_adopt_true(emu: Emulator) -> None:
    seed_two(emu)
    assert export(emu, "--format", "yaml").stdout == HEADER + (
        "entries:\n"
        "- phone_number: '+19075550100'\n  match_type: phoneNumber\n  block_type: inbound\n  status: inactive\n"
        "  comment: INC-4411, robocaller\n  adopt: true\n"
        "- phone_number: '+1907'\n  match_type: prefix\n  block_type: outbound\n  status: active\n"
        '  comment: no "907" calls\n  adopt: true\n'
    )


def test_export_python_fragment_passes_ruff(emu: Emulator, tmp_path: Path) -> None:
    seed_two(emu)
    emu.admin.add_entry(phone_number="911")  # a skipped entry adds comment lines
    path = tmp_path / "blocked.py"
    assert export(emu, "--format", "python", "--output", str(path)).exit_code == 0
    for command in (
        ["check", "--isolated"],
        ["check", "--isolated", "--select", "E,F,W,I,UP,RUF"],
        ["format", "--isolated", "--check"],
    ):
        checked = subprocess.run([RUFF, *command, str(path)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_export_to_a_file_says_where_on_stderr(emu: Emulator, tmp_path: Path) -> None:
    seed_two(emu)
    path = tmp_path / "blocklist.csv"
    result = export(emu, "--format", "csv", "--output", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"Exported 2 entries to {path}.\n")
    assert path.read_text(encoding="utf-8").count(",true\n") == 2


def test_unwritable_output_is_one_line_exit_1(emu: Emulator, tmp_path: Path) -> None:
    path = tmp_path / "missing-folder" / "blocklist.csv"
    result = export(emu, "--format", "csv", "--output", str(path))
    assert (result.exit_code, result.stderr) == (1, f"Error: cannot write {path}: No such file or directory\n")


def test_short_code_is_written_as_a_comment_and_named_in_a_warning(emu: Emulator) -> None:
    entry_id = emu.admin.add_entry(phone_number="911", comment="test calls")
    result = export(emu, "--format", "python")
    with pytest.raises(SpecErrors) as refused:
        normalize({"phone_number": "911"})
    reason = f"{refused.value}; Zoom does not return country, so declare this short code by hand with its country"
    assert result.stderr == f"Warning: skipped entry {entry_id} ('911', phoneNumber, inbound): {reason}\n" + (
        "Exported 0 entries; 1 skipped (see the warnings above).\n"
    )
    comment = " ".join(line.removeprefix("#").strip() for line in result.stdout.splitlines()[2:])
    assert comment == f"Skipped entry {entry_id} ('911', phoneNumber, inbound): {reason}"
    assert "import" not in result.stdout


def test_csv_leaves_a_skipped_entry_out_but_warns(emu: Emulator) -> None:
    entry_id = emu.admin.add_entry(phone_number="+999123")
    result = export(emu, "--format", "csv")
    assert result.stdout == "phone_number,match_type,block_type,status,comment,adopt\n"
    assert result.stderr.startswith(f"Warning: skipped entry {entry_id} ('+999123', phoneNumber, inbound): ")
    assert "fix or delete it in the Zoom portal, or leave it unmanaged\n" in result.stderr


def test_csv_warns_of_a_comment_it_cannot_keep_as_is(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100", comment=" INC-1 ")
    assert export(emu, "--format", "csv").stderr.splitlines()[0] == (
        "Warning: number-19075550100-inbound: a CSV blocklist drops the spaces around its comment, so the first "
        "`pulumi up` will update it; use --format yaml to keep them"
    )


def test_number_zoom_stores_in_another_form_is_skipped(emu: Emulator) -> None:
    entry_id = emu.admin.add_entry(phone_number="+4402079460000")
    result = export(emu, "--format", "yaml")
    assert result.stderr.splitlines()[0] == (
        f"Warning: skipped entry {entry_id} ('+4402079460000', phoneNumber, inbound): Zoom stores "
        "'+4402079460000', which the provider writes as '+442079460000'; delete it in the Zoom portal and "
        "declare the number"
    )
    assert "entries: []\n" in result.stdout


def test_wrong_secret_is_one_line_exit_1_and_never_shown(emu: Emulator) -> None:
    clear_token_cache()  # a token cached for the right secret would otherwise answer
    result = export(emu, "--format", "csv", ZOOM_CLIENT_SECRET="not-the-secret-4f2a")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Error: get an access token for account emulator-account: HTTP 401")
    assert result.stderr.count("\n") == 1
    assert "not-the-secret-4f2a" not in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_url_is_one_line_exit_1(emu: Emulator) -> None:
    clear_token_cache()
    result = export(emu, "--format", "csv", "--oauth-url", "http://127.0.0.1:9/oauth/token")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: get an access token for account emulator-account: could not reach http://127.0.0.1:9/oauth/token: "
        "[Errno 111] Connection refused. Check the network and the URL (zoom:apiUrl / zoom:oauthUrl, or "
        "ZOOM_API_URL / ZOOM_OAUTH_URL)\n"
    )


def test_missing_credentials_name_the_flags_and_the_secret_variable(emu: Emulator) -> None:
    result = export(emu, "--format", "csv", ZOOM_ACCOUNT_ID=None, ZOOM_CLIENT_SECRET=None)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: reading Zoom credentials: missing --account-id (or ZOOM_ACCOUNT_ID), ZOOM_CLIENT_SECRET. The "
        "client secret is read only from the environment variable ZOOM_CLIENT_SECRET, never from a flag\n",
    )


def test_flags_override_the_environment(emu: Emulator) -> None:
    seed_two(emu)
    result = export(emu, "--format", "csv", "--account-id", ACCOUNT_ID, ZOOM_ACCOUNT_ID="someone-else")
    assert (result.exit_code, result.stderr) == (0, "Exported 2 entries.\n")


def test_client_secret_is_no_flag_and_help_says_so(emu: Emulator) -> None:
    result = export(emu, "--format", "csv", "--client-secret", "x")
    assert result.exit_code == 2
    assert "Error: No such option '--client-secret'." in result.stderr
    help_text = " ".join(export(emu, "--help").stdout.split())
    assert "The client secret is read only from ZOOM_CLIENT_SECRET, never from a flag" in help_text


@pytest.mark.parametrize("fmt", ["python", "csv", "yaml"])
def test_export_only_reads(emu: Emulator, fmt: str) -> None:
    seed_two(emu)
    export(emu, "--format", fmt)
    assert {call["method"] for call in emu.admin.api_calls()} == {"GET"}


def test_emergency_prefix_zoom_already_blocks_is_exported_with_allow_emergency(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+1911", match_type="prefix", block_type="outbound")
    emu.admin.add_entry(phone_number="+19075550100")
    assert export(emu, "--format", "csv").stdout == (
        "phone_number,match_type,block_type,status,comment,adopt,allow_emergency\n"
        "+19075550100,phoneNumber,inbound,active,,true,\n"
        "+1911,prefix,outbound,active,,true,true\n"
    )
