"""`zoom-blocklist export --format pulumi-import`: Pulumi's import file, each entry under the name load_blocklist
gives it and Zoom's id as it is (one beginning with '-' or '_' included), skipped entries named on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from tests.api.test_export import export
from zoom_blocklist_provider.emulator import Emulator


def test_pulumi_import_file_names_each_entry_as_load_blocklist_does(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+1907", match_type="prefix", block_type="outbound", id="_prefixEntry0000000000")
    emu.admin.add_entry(phone_number="+19075550100", status="inactive", id="-numberEntry0000000000")
    result = export(emu, "--format", "pulumi-import")
    assert (result.exit_code, result.stderr) == (0, "Exported 2 entries.\n")
    assert json.loads(result.stdout) == {
        "resources": [
            {"type": "zoom:phone:BlockedNumber", "name": "number-19075550100-inbound", "id": "-numberEntry0000000000"},
            {"type": "zoom:phone:BlockedNumber", "name": "prefix-1907-outbound", "id": "_prefixEntry0000000000"},
        ]
    }


def test_pulumi_import_file_leaves_out_what_export_skips_and_warns(emu: Emulator, tmp_path: Path) -> None:
    emu.admin.add_entry(phone_number="+999123", id="-unusableNumber0000000")
    emu.admin.add_entry(phone_number="+19075550100", id="_kept00000000000000000")
    path = tmp_path / "import.json"
    result = export(emu, "--format", "pulumi-import", "--output", str(path))
    assert result.exit_code == 0
    warning, summary, hint = result.stderr.splitlines()
    assert warning.startswith("Warning: skipped entry -unusableNumber0000000 ('+999123', phoneNumber, inbound): ")
    assert summary == f"Exported 1 entry to {path}; 1 skipped (see the warnings above)."
    assert hint == f"Take them over with: pulumi import --file {path}"
    assert [resource["id"] for resource in json.loads(path.read_text())["resources"]] == ["_kept00000000000000000"]


def test_pulumi_import_export_only_reads(emu: Emulator) -> None:
    emu.admin.add_entry(phone_number="+19075550100")
    export(emu, "--format", "pulumi-import")
    assert [call["method"] for call in emu.admin.api_calls()] == ["GET"]
