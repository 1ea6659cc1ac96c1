"""The README stays a short page, and every link of README.md and docs/ leads somewhere: a file of the repository
and, where the link names one, a heading of that page (as GitHub makes its anchor)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.docs_samples import REPO, blocks_of, pages

_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_FENCED = re.compile(r"^```.*?^```", re.M | re.S)


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives the headings of a page: lower case, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#{1,6} (.+)$", _FENCED.sub("", page.read_text()), re.M)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings}


def local_links(page: Path) -> list[str]:
    text = _FENCED.sub("", page.read_text())
    return [link for link in _LINK.findall(text) if not re.match(r"[a-z]+:", link)]


def test_the_readme_is_at_most_250_lines() -> None:
    assert len((REPO / "README.md").read_text().splitlines()) <= 250


def test_the_readme_keeps_make_test_and_make_demo_as_its_two_commands() -> None:
    readme = (REPO / "README.md").read_text()
    assert "make demo    # set everything up" in readme
    assert "make test    # lint, type-check and run the whole test suite" in readme


@pytest.mark.parametrize("page", pages(), ids=lambda page: str(page.relative_to(REPO)))
def test_every_link_of_a_page_leads_to_a_file_and_heading(page: Path) -> None:
    broken = []
    for link in local_links(page):
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        if not path.exists():
            broken.append(f"{link}: no {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(f"{link}: no heading #{anchor} in {path.relative_to(REPO)}")
    assert broken == []


@pytest.mark.parametrize("page", pages()[1:], ids=lambda page: str(page.relative_to(REPO)))
def test_every_docs_page_opens_with_front_matter_the_registry_reads(page: Path) -> None:
    text = page.read_text()
    assert text.startswith("---\n")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"]
    assert front["meta_desc"]
    if page.name == "_index.md":
        assert front["layout"] == "package"


def test_the_sample_finder_reads_each_fence_and_the_marker_just_before_it(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# A page\n\n```python\nprint(1)\n```\n\n<!-- not run: needs your account -->\n```sh\npulumi up\n```\n"
        "<!-- not run -->\n```sh\nmake demo\n```\n<!-- checked by: tests/x.py -->\n```text\nout\n```\n"
        "<!-- not run: only the block right after the marker -->\n\n```yaml\nentries: []\n```\n"
    )
    found = [(b.line, b.language, b.text, b.not_run, b.checked_by, b.kind) for b in blocks_of(page)]
    assert found == [
        (3, "python", "print(1)\n", None, None, "dynamic"),
        (8, "sh", "pulumi up\n", "needs your account", None, "sh"),
        (12, "sh", "make demo\n", "", None, "sh"),
        (16, "text", "out\n", None, "tests/x.py", "text"),
        (21, "yaml", "entries: []\n", None, None, "data"),
    ]
