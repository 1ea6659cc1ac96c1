"""Blocklist files: a CSV or YAML list of entries, read into specs with stable names.

A file holds one entry per CSV row (after a header naming the columns) or per item of a YAML list (the document
itself, or the list under its `entries` key). Columns and keys: phone_number, match_type, block_type, status,
comment, country (as for BlockedNumber), adopt and allow_emergency (true/false). An empty cell or a null means
the default; an unknown column or key is an error. An empty file is an error; an explicit empty list (a bare
header, `[]`, `entries: []`) declares nothing, so the next `pulumi up` removes every entry the file used to hold.

Resource names come from the normalized entry, never from its position, so reordering lines or inserting one
never touches another entry: `<kind>-<digits>-<block type>` where kind is `number` or `prefix` and digits is the
stored number without its '+': `+1 (907) 555-0100` -> `number-19075550100-inbound`, prefix `+1907` outbound ->
`prefix-1907-outbound`, the US short code 911 -> `number-911-inbound`. These three parts are what Zoom keeps
unique, so two lines with the same name are the same entry written twice, which is an error. Changing an entry's
match type or block type therefore renames it: Pulumi creates the new entry and deletes the old one.

`read_blocklist()` only parses and normalizes (no Pulumi, no I/O beyond reading the file) and reports every
problem of the file at once, as `file:line: field: reason` lines in one BlocklistFileError. It never calls Zoom;
`dynamic.files.load_blocklist()` declares the entries as resources, and nothing unless the whole file is valid.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .safety import emergency_problem
from .spec import BlockedNumberSpec, MatchType, SpecErrors, normalize

__all__ = ["COLUMNS", "BlocklistFileError", "FileEntry", "Problem", "read_blocklist", "resource_name"]

FLAGS = ("adopt", "allow_emergency")
COLUMNS = ("phone_number", "match_type", "block_type", "status", "comment", "country", *FLAGS)
_LISTED = ", ".join(COLUMNS)
_SUFFIXES = {".csv": "csv", ".yaml": "yaml", ".yml": "yaml"}
_EMPTY = {
    "csv": "is empty; a blocklist CSV starts with a header line like phone_number,block_type,comment",
    "yaml": "is empty; a blocklist YAML file holds a list of entries like - phone_number: '+19075550100'",
}
_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")


@dataclass(frozen=True)
class Problem:
    """One thing to fix: at a line and field of the file, or (line None) in the file as a whole."""

    line: int | None
    field: str
    reason: str


class BlocklistFileError(ValueError):
    """Every problem of one blocklist file, one `file:line: field: reason` line each."""

    def __init__(self, path: str, problems: Sequence[Problem]) -> None:
        self.path = path
        self.problems = list(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1 and self.problems[0].line is None:
            return f"{self.path}: {self.problems[0].reason}"
        count = len(self.problems)
        lines = [f"{self.path}:{p.line}: {p.field}: {p.reason}" for p in self.problems]
        return "\n".join([f"{count} problem{'' if count == 1 else 's'} in {self.path}:", *lines])


@dataclass(frozen=True)
class FileEntry:
    """One valid entry of a file: where it is, what it declares, and the resource name it gets."""

    line: int
    spec: BlockedNumberSpec
    adopt: bool | None
    name: str
    allow_emergency: bool = False


@dataclass
class _Raw:
    """One entry as written, before normalization; `lines` holds each field's own line (YAML) for errors."""

    line: int
    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def resource_name(spec: BlockedNumberSpec) -> str:
    """The stable resource name of an entry (scheme in the module docstring)."""
    kind = "prefix" if spec.match_type is MatchType.PREFIX else "number"
    return f"{kind}-{spec.phone_number.removeprefix('+')}-{spec.block_type.value}"


def read_blocklist(path: str | os.PathLike[str]) -> list[FileEntry]:
    """The entries of a .csv, .yaml or .yml file in file order, or a BlocklistFileError listing every problem."""
    shown = os.fspath(path)
    kind, text = _read_text(Path(path), shown)
    raws, problems = _csv_entries(text) if kind == "csv" else _yaml_entries(text)
    if problems and problems[0].line is None:
        raise BlocklistFileError(shown, problems[:1])
    entries: list[FileEntry] = []
    for raw in raws:
        entry = _entry(raw, problems)
        if entry is not None:
            entries.append(entry)
    problems.extend(_duplicates(entries))
    if problems:
        raise BlocklistFileError(shown, sorted(problems, key=lambda p: p.line or 0))
    return entries


def _read_text(path: Path, shown: str) -> tuple[str, str]:
    """The file's format ('csv' or 'yaml') and text; a file-level problem raises at once."""

    def fail(reason: str) -> BlocklistFileError:
        return BlocklistFileError(shown, [Problem(None, "", reason)])

    if path.suffix.lower() not in _SUFFIXES:
        raise fail(f"unknown extension '{path.suffix}'; a blocklist file ends in .csv, .yaml or .yml")
    try:
        # utf-8-sig: spreadsheets often save CSV with a byte-order mark, which would glue itself to the first column.
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        where = "" if path.is_absolute() else f" (looked for {path.absolute()})"
        raise fail(f"no such file{where}") from None
    except IsADirectoryError:
        raise fail("is a directory, not a blocklist file") from None
    except UnicodeDecodeError as error:
        raise fail(f"is not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    kind = _SUFFIXES[path.suffix.lower()]
    if not text.strip():
        raise fail(_EMPTY[kind])
    return kind, text


def _csv_entries(text: str) -> tuple[list[_Raw], list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    raws: list[_Raw] = []
    problems: list[Problem] = []
    first = 1
    try:
        for row in reader:
            line, first = first, reader.line_num + 1  # a quoted cell may span lines: report where the row starts
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                found, usable = _header_problems(header, line)
                problems.extend(found)
                if not usable:
                    return [], problems
                continue
            raws.append(_csv_row(header, row, line, problems))
    except csv.Error as error:
        # Almost always a quote opened and never closed, which swallows every line after it.
        problems.append(
            Problem(first, "csv", f"{error}; check that every quote opened on or after this line is closed")
        )
    return raws, problems


def _header_problems(header: list[str], line: int) -> tuple[list[Problem], bool]:
    """The header's problems, and whether rows can still be read (only unknown columns, which are skipped)."""
    if not set(header) & set(COLUMNS):
        shown = ",".join(header)
        return [Problem(line, "header", f"the first line must name the columns ({_LISTED}); it reads '{shown}'")], False
    problems = []
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        listed = ", ".join(f"'{name}'{_guess(name)}" for name in unknown)
        kind = "column" if len(unknown) == 1 else "columns"
        problems.append(Problem(line, "header", f"unknown {kind} {listed}; the columns are {_LISTED}"))
    repeated = [
        Problem(line, "header", f"column '{name}' appears {header.count(name)} times")
        for name in COLUMNS
        if header.count(name) > 1
    ]
    missing = (
        [] if "phone_number" in header else [Problem(line, "header", "no phone_number column; every entry needs one")]
    )
    return problems + repeated + missing, not (repeated or missing)


def _csv_row(header: list[str], row: list[str], line: int, problems: list[Problem]) -> _Raw:
    raw = _Raw(line)
    cells = max((i + 1 for i, cell in enumerate(row) if cell.strip()), default=0)
    if cells > len(header):
        problems.append(Problem(line, "row", f"has {cells} cells; the header names {len(header)} columns"))
    for name, cell in zip(header, row, strict=False):  # a short row leaves the last columns empty
        if name not in COLUMNS or not cell.strip():
            continue  # unknown columns are reported once, at the header; an empty cell means the default
        # Spaces around a value are layout ("a, b, c" is how many people write CSV by hand), comment included.
        raw.values[name] = cell.strip()
    return raw


def _yaml_entries(text: str) -> tuple[list[_Raw], list[Problem]]:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return [], [Problem(None, "", _EMPTY["yaml"])]  # nothing but comments
        items, problems = _yaml_list(root)
        raws = [_yaml_item(loader, item, problems) for item in items]
        return [raw for raw in raws if raw is not None], problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return [], [Problem(line, "syntax", f"{error.problem or error.context} (not valid YAML)")]
    finally:
        loader.dispose()


def _yaml_list(root: yaml.Node) -> tuple[list[yaml.Node], list[Problem]]:
    line = root.start_mark.line + 1
    if isinstance(root, yaml.MappingNode):
        keys = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
        others = [
            Problem(k.start_mark.line + 1, str(k.value), "unknown key; the file's only key is entries")
            for k, _ in root.value
            if not (isinstance(k, yaml.ScalarNode) and k.value == "entries")
        ]
        if "entries" not in keys:
            return [], [*others, Problem(line, "entries", "missing; put the list of entries under entries:")]
        items, problems = _yaml_list_node(keys["entries"], "entries")
        return items, others + problems
    return _yaml_list_node(root, "entries")


def _yaml_list_node(node: yaml.Node, name: str) -> tuple[list[yaml.Node], list[Problem]]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value), []
    reason = f"must be a list of entries (- phone_number: ...), not {_node_kind(node)}"
    return [], [Problem(node.start_mark.line + 1, name, reason)]


def _yaml_item(loader: yaml.SafeLoader, item: yaml.Node, problems: list[Problem]) -> _Raw | None:
    raw = _Raw(item.start_mark.line + 1)
    if not isinstance(item, yaml.MappingNode):
        problems.append(Problem(raw.line, "entry", f"must be a mapping like phone_number: ..., not {_node_kind(item)}"))
        return None
    for key, value in item.value:
        line = key.start_mark.line + 1
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else _node_kind(key)
        if name not in COLUMNS:
            problems.append(Problem(line, name, f"unknown field{_guess(name)}; the fields are {_LISTED}"))
        elif name in raw.lines:
            problems.append(Problem(line, name, f"appears twice in this entry (first at line {raw.lines[name]})"))
        else:
            raw.lines[name] = line
            try:
                raw.values[name] = loader.construct_object(value, deep=True)
            except yaml.YAMLError as error:
                problems.append(Problem(line, name, str(getattr(error, "problem", None) or error)))
    return raw


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "nothing" if node.tag.endswith(":null") else f"'{node.value}'"


def _entry(raw: _Raw, problems: list[Problem]) -> FileEntry | None:
    """The normalized entry, or None after adding every problem it has to `problems`."""
    found: list[Problem] = []
    spec: BlockedNumberSpec | None = None
    try:
        spec = normalize({name: value for name, value in raw.values.items() if name not in FLAGS})
    except SpecErrors as errors:
        found = [Problem(raw.lines.get(e.field, raw.line), e.field, e.reason) for e in errors.errors]
    adopt, allow = (_flag(raw, name, found) for name in FLAGS)
    emergency = emergency_problem(spec) if spec is not None and not allow else None
    if emergency is not None:
        found.append(Problem(raw.lines.get("phone_number", raw.line), emergency.field, emergency.reason))
    problems.extend(found)
    if spec is None or found:
        return None
    return FileEntry(raw.line, spec, adopt, resource_name(spec), allow_emergency=bool(allow))


def _flag(raw: _Raw, name: str, problems: list[Problem]) -> bool | None:
    value = raw.values.get(name)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _TRUE + _FALSE:
        return value.lower() in _TRUE
    problems.append(Problem(raw.lines.get(name, raw.line), name, f"{value!r} is not true or false"))
    return None


def _duplicates(entries: Sequence[FileEntry]) -> list[Problem]:
    first: dict[str, FileEntry] = {}
    problems = []
    for entry in entries:
        earlier = first.setdefault(entry.name, entry)
        if earlier is not entry:
            key = ", ".join(entry.spec.key())
            problems.append(Problem(entry.line, "phone_number", f"duplicate of line {earlier.line} ({key})"))
    return problems


def _guess(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), COLUMNS, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
