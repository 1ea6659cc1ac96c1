"""Every fenced code block of README.md and docs/**/*.md, found by reading the files (none is listed here), with what
the line just before its fence says about it. The tests that run them: tests/programs/test_docs_samples.py (Python
under Pulumi's mocks, blocklist files, shell lines and their transcripts), tests/cli_e2e/test_docs_samples_cli.py
(TypeScript and YAML programs through the real CLI) and tests/go/samples_test.go (Go programs, which Go's own test
runner finds by the same rules).

A block is run by the runner of its kind unless the line before its fence is
- `<!-- not run: <reason> -->`: skipped, and the reason may not be empty; or
- `<!-- checked by: <test file> -->`: an output sample that test compares with a real run; the file must exist and
  read the page the sample is on.

A `text` block is an output sample, compared with what prints it: a `$ command` transcript with each command's
output; the block right after a shell block with what that block prints; the block right after a blocklist file
with the error reading it fails with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ("python", "typescript", "go", "yaml", "csv", "sh", "text")
_FENCE = re.compile(r"^```(\S*)\s*$")
_NOT_RUN = re.compile(r"^<!--\s*not run\b:?(.*?)-->\s*$")
_CHECKED_BY = re.compile(r"^<!--\s*checked by:(.*?)-->\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced block: where it is, its language, its text, and the marker before it."""

    page: str  # relative to the repository, e.g. docs/guides/troubleshooting.md
    line: int  # the line of its opening fence, from 1
    language: str
    text: str
    not_run: str | None = None  # the reason given, "" when the marker gives none
    checked_by: str | None = None

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def runs(self) -> bool:
        return self.not_run is None and self.checked_by is None

    @property
    def kind(self) -> str:
        """What runs it: 'dynamic' or 'native' (Python), 'program' or 'data' (YAML), else the language."""
        if self.language == "python":
            return "native" if "pulumi_zoom" in self.text else "dynamic"
        if self.language == "yaml":
            return "program" if re.search(r"^resources:", self.text, re.M) else "data"
        return self.language


def pages() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def blocks_of(page: Path) -> list[Block]:
    lines = page.read_text().splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].rstrip() == "```")
        before = lines[index - 1] if index else ""
        not_run, checked_by = _NOT_RUN.match(before), _CHECKED_BY.match(before)
        found.append(
            Block(
                page=str(page.relative_to(REPO)) if page.is_relative_to(REPO) else str(page),
                line=index + 1,
                language=opening.group(1),
                text="".join(line + "\n" for line in lines[index + 1 : end]),
                not_run=not_run.group(1).strip() if not_run else None,
                checked_by=checked_by.group(1).strip() if checked_by else None,
            )
        )
        index = end + 1
    return found


def all_blocks() -> list[Block]:
    return [block for page in pages() for block in blocks_of(page)]


def following(block: Block) -> Block | None:
    """The block right after `block` on its page (prose between them allowed), if any."""
    on_page = blocks_of(REPO / block.page)
    at = [b.line for b in on_page].index(block.line)
    return on_page[at + 1] if at + 1 < len(on_page) else None


def runnable(kind: str) -> list[Block]:
    """The blocks a runner of `kind` runs."""
    return [block for block in all_blocks() if block.runs and block.kind == kind]


def shown_after(block: Block) -> Block | None:
    """The output sample right after `block`, if its next block is one: a text block run with nothing but `block`
    (not a `$ command` transcript of its own)."""
    after = following(block)
    if after is None or after.language != "text" or not after.runs or after.text.startswith("$ "):
        return None
    return after


def error_samples() -> set[str]:
    """The ids of the text blocks that show the error of the blocklist file just before them."""
    return {after.id for block in runnable("csv") + runnable("data") if (after := shown_after(block)) is not None}


def shell_outputs() -> set[str]:
    """The ids of the text blocks that show what the shell block just before them prints."""
    return {after.id for block in runnable("sh") if (after := shown_after(block)) is not None}


def checked_sample(page: str, test: str) -> str:
    """The text of the one block on `page` marked `<!-- checked by: test -->`."""
    (block,) = [block for block in blocks_of(REPO / page) if block.checked_by == test]
    return block.text
