"""Blocklist files: stable names, both formats, and every problem reported at once as `file:line: field: reason`."""

from __future__ import annotations

from pathlib import Path

import pytest

from zoom_blocklist_provider.core.files import BlocklistFileError, FileEntry, read_blocklist
from zoom_blocklist_provider.core.spec import BlockedNumberSpec, BlockType, MatchType, SpecErrors, Status, normalize

HEADER = "phone_number,match_type,block_type,status,comment,country,adopt\n"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Relative paths, so error texts read as a user running `pulumi up` beside the file sees them.
    monkeypatch.chdir(tmp_path)


def write(name: str, text: str) -> str:
    Path(name).write_text(text, encoding="utf-8")
    return name


def error_of(name: str, text: str | None = None) -> str:
    if text is not None:
        write(name, text)
    with pytest.raises(BlocklistFileError) as failure:
        read_blocklist(name)
    return str(failure.value)


def spec_reason(**raw: object) -> str:
    """What spec.normalize says of one field: the file only places it, so tests do not copy its wording."""
    with pytest.raises(SpecErrors) as failure:
        normalize(raw)
    [error] = failure.value.errors
    return f"{error.field}: {error.reason}"


def names(name: str, text: str) -> list[str]:
    return [entry.name for entry in read_blocklist(write(name, text))]


# Names


def test_names_come_from_match_type_digits_and_block_type() -> None:
    rows = "+1 (907) 555-0100,,,,,,\n+1 907,prefix,outbound,,,,\n88888,,,,,US,\n1-907-555-0101,,threat,,,,\n"
    assert names("blocklist.csv", HEADER + rows) == [
        "number-19075550100-inbound",
        "prefix-1907-outbound",
        "number-88888-inbound",
        "number-19075550101-threat",
    ]


def test_emergency_number_in_a_file_is_refused_at_its_line() -> None:
    text = "phone_number,block_type,country\n+19075550100,,\n911,outbound,US\n"
    assert error_of("blocklist.csv", text) == (
        "1 problem in blocklist.csv:\n"
        "blocklist.csv:3: phone_number: '911' is an emergency number in US: blocking calls to an emergency service can "
        "stop people reaching help; check the number, or set allow_emergency=True on this entry if blocking "
        "it is intended"
    )


def test_allow_emergency_column_lets_an_emergency_number_through() -> None:
    [entry] = read_blocklist(write("blocklist.csv", "phone_number,country,allow_emergency\n911,US,true\n"))
    assert (entry.name, entry.allow_emergency) == ("number-911-inbound", True)


def test_name_is_the_same_however_the_number_is_written() -> None:
    forms = ["+1 (907) 555-0100", "1-907-555-0100", "+19075550100"]
    assert {names(f"f{i}.csv", f"phone_number\n{form}\n")[0] for i, form in enumerate(forms)} == {
        "number-19075550100-inbound"
    }


def test_entry_holds_line_normalized_spec_and_adopt() -> None:
    write("blocklist.csv", HEADER + "\n(907) 555-0100,,outbound,inactive,INC-1,us,true\n")
    spec = BlockedNumberSpec(
        phone_number="+19075550100",
        block_type=BlockType.OUTBOUND,
        status=Status.INACTIVE,
        comment="INC-1",
        country="US",
    )
    assert read_blocklist("blocklist.csv") == [FileEntry(3, spec, True, "number-19075550100-outbound")]


# CSV


def test_empty_cells_and_missing_trailing_cells_mean_defaults() -> None:
    [entry] = read_blocklist(write("blocklist.csv", HEADER + "+19075550100\n"))
    assert entry.spec == BlockedNumberSpec(phone_number="+19075550100")
    assert (entry.spec.match_type, entry.spec.status, entry.adopt) == (MatchType.PHONE_NUMBER, Status.ACTIVE, None)


def test_columns_may_come_in_any_order_and_spaces_around_cells_are_layout() -> None:
    [entry] = read_blocklist(
        write("blocklist.csv", "comment, block_type ,phone_number\n INC-1 , outbound,+19075550100\n")
    )
    assert (entry.spec.comment, entry.spec.block_type, entry.spec.phone_number) == (
        "INC-1",
        BlockType.OUTBOUND,
        "+19075550100",
    )


def test_adopt_reads_true_false_and_empty() -> None:
    rows = "+19075550100,,,,,,true\n+19075550101,,,,,,No\n+19075550102,,,,,,\n+19075550103,,,,,,1\n"
    assert [e.adopt for e in read_blocklist(write("blocklist.csv", HEADER + rows))] == [True, False, None, True]


def test_byte_order_mark_of_a_spreadsheet_export_is_ignored() -> None:
    Path("blocklist.csv").write_bytes("\ufeffphone_number\n+19075550100\n".encode())
    assert names("blocklist.csv", Path("blocklist.csv").read_text(encoding="utf-8")) == ["number-19075550100-inbound"]


def test_header_alone_declares_nothing() -> None:
    assert read_blocklist(write("blocklist.csv", HEADER)) == []


# YAML


def test_yaml_list_and_entries_mapping_read_the_same() -> None:
    bare = read_blocklist(write("a.yaml", "- phone_number: '+1907'\n  match_type: prefix\n  adopt: true\n"))
    wrapped = read_blocklist(
        write("b.yml", "entries:\n  - phone_number: '+1907'\n    match_type: prefix\n    adopt: true\n")
    )
    assert [(e.name, e.adopt, e.line) for e in bare] == [("prefix-1907-inbound", True, 1)]
    assert [(e.name, e.adopt, e.line) for e in wrapped] == [("prefix-1907-inbound", True, 2)]


def test_yaml_null_means_default() -> None:
    [entry] = read_blocklist(write("blocklist.yaml", "- {phone_number: '+19075550100', status: null, comment: ~}\n"))
    assert (entry.spec.status, entry.spec.comment) == (Status.ACTIVE, "")


def test_yaml_empty_entries_declares_nothing() -> None:
    assert read_blocklist(write("blocklist.yaml", "entries: []\n")) == []


def test_extension_is_case_insensitive() -> None:
    assert names("BLOCKLIST.YML", "- phone_number: '+19075550100'\n") == ["number-19075550100-inbound"]


# Problems: every one at once, with its line


def test_every_problem_of_a_csv_is_reported_at_once() -> None:
    rows = "+19075550100,,inbund,,,,\n+1907,prefix,,,,XX,maybe\n12345,,,,,,\n"
    assert error_of("blocklist.csv", HEADER + rows) == (
        "4 problems in blocklist.csv:\n"
        f"blocklist.csv:2: {spec_reason(phone_number='+19075550100', block_type='inbund')}\n"
        f"blocklist.csv:3: {spec_reason(phone_number='+1907', match_type='prefix', country='XX')}\n"
        "blocklist.csv:3: adopt: 'maybe' is not true or false\n"
        f"blocklist.csv:4: {spec_reason(phone_number='12345')}"
    )


def test_duplicate_after_normalization_names_both_lines() -> None:
    rows = "+19075550100,,,,,,\n+19075550101,,,,,,\n(907) 555-0100,,,,,US,\n"
    assert error_of("blocklist.csv", HEADER + rows) == (
        "1 problem in blocklist.csv:\n"
        "blocklist.csv:4: phone_number: duplicate of line 2 (+19075550100, phoneNumber, inbound)"
    )


def test_same_number_with_another_block_type_is_no_duplicate() -> None:
    rows = "+19075550100,,inbound,,,,\n+19075550100,,outbound,,,,\n"
    assert names("blocklist.csv", HEADER + rows) == ["number-19075550100-inbound", "number-19075550100-outbound"]


def test_unknown_columns_are_named_with_a_guess() -> None:
    assert error_of("blocklist.csv", "phone_number,Comment,notes\n+19075550100,a,b\n") == (
        "1 problem in blocklist.csv:\n"
        "blocklist.csv:1: header: unknown columns 'Comment' (did you mean 'comment'?), 'notes'; "
        "the columns are phone_number, match_type, block_type, status, comment, country, adopt, allow_emergency"
    )


def test_unknown_columns_do_not_hide_problems_in_rows() -> None:
    assert error_of("blocklist.csv", "phone_number,notes\n+1907,x\n").splitlines()[1:] == [
        "blocklist.csv:1: header: unknown column 'notes'; the columns are phone_number, match_type, block_type, "
        "status, comment, country, adopt, allow_emergency",
        f"blocklist.csv:2: {spec_reason(phone_number='+1907')}",
    ]


def test_header_without_phone_number_column() -> None:
    assert error_of("blocklist.csv", "comment,status\nINC-1,active\n") == (
        "1 problem in blocklist.csv:\nblocklist.csv:1: header: no phone_number column; every entry needs one"
    )


def test_repeated_column() -> None:
    assert error_of("blocklist.csv", "phone_number,comment,comment\n") == (
        "1 problem in blocklist.csv:\nblocklist.csv:1: header: column 'comment' appears 2 times"
    )


def test_csv_without_header() -> None:
    assert error_of("blocklist.csv", "+19075550100,inbound\n+19075550101,inbound\n") == (
        "1 problem in blocklist.csv:\n"
        "blocklist.csv:1: header: the first line must name the columns (phone_number, match_type, block_type, "
        "status, comment, country, adopt, allow_emergency); it reads '+19075550100,inbound'"
    )


def test_row_with_more_cells_than_columns() -> None:
    assert error_of("blocklist.csv", "phone_number,comment\n+19075550100,INC-1,oops,\n") == (
        "1 problem in blocklist.csv:\nblocklist.csv:2: row: has 3 cells; the header names 2 columns"
    )


def test_row_after_a_multiline_cell_reports_its_own_line() -> None:
    text = 'phone_number,comment\n+19075550100,"two\nlines"\nfive,x\n'
    assert error_of("blocklist.csv", text).splitlines()[1:] == [
        f"blocklist.csv:2: {spec_reason(phone_number='+19075550100', comment='two' + chr(10) + 'lines')}",
        f"blocklist.csv:4: {spec_reason(phone_number='five')}",
    ]


def test_unclosed_quote() -> None:
    assert error_of("blocklist.csv", 'phone_number,comment\n+19075550100,"INC-1\n+19075550101,x\n') == (
        "1 problem in blocklist.csv:\nblocklist.csv:2: csv: unexpected end of data; "
        "check that every quote opened on or after this line is closed"
    )


def test_yaml_field_problems_point_at_the_fields_own_line() -> None:
    text = "entries:\n  - phone_number: 19075550100\n    comment: ok\n    blok_type: outbound\n"
    assert error_of("blocklist.yaml", text) == (
        "2 problems in blocklist.yaml:\n"
        f"blocklist.yaml:2: {spec_reason(phone_number=19075550100)}\n"
        "blocklist.yaml:4: blok_type: unknown field (did you mean 'block_type'?); the fields are phone_number, "
        "match_type, block_type, status, comment, country, adopt, allow_emergency"
    )


def test_yaml_field_twice_in_one_entry() -> None:
    text = "- phone_number: '+19075550100'\n  status: active\n  status: inactive\n"
    assert error_of("blocklist.yaml", text) == (
        "1 problem in blocklist.yaml:\nblocklist.yaml:3: status: appears twice in this entry (first at line 2)"
    )


def test_yaml_duplicate_names_the_entries_lines() -> None:
    text = "# inbound\n- phone_number: '+19075550100'\n\n- {phone_number: '+1 907 555 0100', comment: again}\n"
    assert error_of("blocklist.yaml", text) == (
        "1 problem in blocklist.yaml:\n"
        "blocklist.yaml:4: phone_number: duplicate of line 2 (+19075550100, phoneNumber, inbound)"
    )


def test_yaml_entry_that_is_not_a_mapping() -> None:
    assert error_of("blocklist.yaml", "- just a string\n- [1, 2]\n") == (
        "2 problems in blocklist.yaml:\n"
        "blocklist.yaml:1: entry: must be a mapping like phone_number: ..., not 'just a string'\n"
        "blocklist.yaml:2: entry: must be a mapping like phone_number: ..., not a list"
    )


def test_yaml_document_that_is_no_list() -> None:
    assert error_of("blocklist.yaml", "hello\n") == (
        "1 problem in blocklist.yaml:\n"
        "blocklist.yaml:1: entries: must be a list of entries (- phone_number: ...), not 'hello'"
    )


def test_yaml_mapping_without_entries_key() -> None:
    assert error_of("blocklist.yaml", "numbers:\n  - phone_number: '+19075550100'\n") == (
        "2 problems in blocklist.yaml:\n"
        "blocklist.yaml:1: numbers: unknown key; the file's only key is entries\n"
        "blocklist.yaml:1: entries: missing; put the list of entries under entries:"
    )


def test_yaml_syntax_error_names_its_line() -> None:
    text = "entries:\n  - phone_number: '+19075550100'\n   comment: x\n"
    assert error_of("blocklist.yaml", text) == (
        "1 problem in blocklist.yaml:\n"
        "blocklist.yaml:3: syntax: expected <block end>, but found '<block mapping start>' (not valid YAML)"
    )


# Problems with the file as a whole


def test_missing_file_says_where_it_looked(tmp_path: Path) -> None:
    assert error_of("blocklist.csv") == f"blocklist.csv: no such file (looked for {tmp_path / 'blocklist.csv'})"


def test_unknown_extension() -> None:
    assert error_of("blocklist.txt", "+19075550100\n") == (
        "blocklist.txt: unknown extension '.txt'; a blocklist file ends in .csv, .yaml or .yml"
    )


def test_empty_csv() -> None:
    assert error_of("blocklist.csv", "\n  \n") == (
        "blocklist.csv: is empty; a blocklist CSV starts with a header line like phone_number,block_type,comment"
    )


def test_yaml_with_nothing_but_comments_is_empty() -> None:
    assert error_of("blocklist.yaml", "# to do\n") == (
        "blocklist.yaml: is empty; a blocklist YAML file holds a list of entries like - phone_number: '+19075550100'"
    )


def test_file_that_is_not_utf8() -> None:
    Path("blocklist.csv").write_bytes(b"phone_number\n\xff\n")
    assert error_of("blocklist.csv") == "blocklist.csv: is not UTF-8 text (byte 13); save it as UTF-8"


def test_directory_is_no_blocklist_file() -> None:
    Path("lists.csv").mkdir()
    assert error_of("lists.csv") == "lists.csv: is a directory, not a blocklist file"


def test_error_lists_its_problems_and_is_a_value_error() -> None:
    write("blocklist.csv", "phone_number\n+1907\n")
    with pytest.raises(ValueError) as failure:
        read_blocklist("blocklist.csv")
    assert isinstance(failure.value, BlocklistFileError)
    assert [(p.line, p.field) for p in failure.value.problems] == [(2, "phone_number")]
    assert failure.value.path == "blocklist.csv"
