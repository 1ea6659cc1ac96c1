"""The API reference in docs/api/ is what `make docs` generates from the schema now, and says what the schema and
the provider's rules say: every input with its type, default and whether changing it replaces."""

from __future__ import annotations

import re
from pathlib import Path

from zoom_blocklist_provider.native import docs
from zoom_blocklist_provider.native.schema import schema

API = Path(__file__).resolve().parents[2] / "docs" / "api"


def row(page: str, name: str) -> list[str]:
    """The cells of the first table row for property `name` on a page."""
    (line,) = [line for line in page.splitlines() if line.startswith(f"| `{name}` |")][:1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_the_committed_api_pages_are_what_make_docs_generates(tmp_path: Path) -> None:
    docs.write(tmp_path)
    generated = {path.name: path.read_text() for path in sorted(tmp_path.iterdir())}
    committed = {path.name: path.read_text() for path in sorted(API.iterdir())}
    assert sorted(generated) == ["blockednumber.md", "blocklist.md", "provider.md"]
    assert committed == generated, "docs/api is stale: run `make docs` (or `make sdk`) and commit it"


def test_every_input_and_output_of_the_schema_has_a_row() -> None:
    package = schema()
    for token, page_name in (
        ("zoom:phone:BlockedNumber", "blockednumber.md"),
        ("zoom:phone:Blocklist", "blocklist.md"),
    ):
        page = docs.pages()[page_name]
        resource = package["resources"][token]
        for name in [*resource["inputProperties"], *resource["properties"]]:
            assert row(page, name)[0] == f"`{name}`"
    provider = docs.pages()["provider.md"]
    for name in package["provider"]["inputProperties"]:
        assert row(provider, name)[0] == f"`{name}`"


def test_block_type_is_the_one_input_whose_change_replaces() -> None:
    page = docs.pages()["blockednumber.md"]
    assert row(page, "blockType")[:6] == [
        "`blockType`", "`block_type`", '`"inbound"` \\| `"outbound"` \\| `"threat"`', "no", "`inbound`",
        "replaces when it changes to or from `threat`, else updates in place",
    ]  # fmt: skip
    assert row(page, "phoneNumber")[:6] == [
        "`phoneNumber`",
        "`phone_number`",
        "string",
        "yes",
        "none",
        "updates in place",
    ]
    assert row(page, "allowEmergency")[4:6] == ["`false`", "updates in place"]
    assert "replaces" not in row(docs.pages()["blocklist.md"], "entries")[5].replace("never replaces", "")


def test_the_provider_page_names_each_setting_with_its_environment_variable_and_default() -> None:
    page = docs.pages()["provider.md"]
    assert row(page, "clientSecret")[:6] == [
        "`clientSecret`", "`client_secret`", "`ZOOM_CLIENT_SECRET`", "string (secret)", "no", "none",
    ]  # fmt: skip
    assert row(page, "rateLimit")[2:6] == ["`ZOOM_RATE_LIMIT`", "number", "no", "`20`"]
    assert row(page, "oauthUrl")[5] == "the cloud's (https://zoom.us/oauth/token)"


def test_each_page_shows_its_schema_examples_in_typescript_python_go_and_yaml() -> None:
    for page in docs.pages().values():
        assert "{{%" not in page
        fences = re.findall(r"^```(\w+)$", page, re.M)
        assert fences[:4] == ["typescript", "python", "go", "yaml"]


def test_the_schema_carries_what_the_registry_shows_beside_the_package() -> None:
    package = schema()
    assert package["displayName"] == "Zoom Phone blocked list"
    assert package["publisher"] == "zoom-blocklist-provider"
    assert package["license"] == "Apache-2.0"
    assert package["keywords"] == ["pulumi", "zoom", "zoom-phone", "category/network", "kind/native"]
    assert "repository" not in package  # pyproject.toml names no public URL for the project


def test_each_resource_and_the_provider_describe_themselves_with_examples_in_pulumi_form() -> None:
    package = schema()
    described = [resource["description"] for resource in package["resources"].values()]
    for description in [*described, package["provider"]["description"]]:
        examples = description[description.index("{{% examples %}}\n## Example Usage\n{{% example %}}\n### ") :]
        assert examples.endswith("{{% /example %}}\n{{% /examples %}}")
        assert re.findall(r"^```(\w+)$", examples, re.M)[:4] == ["typescript", "python", "go", "yaml"]
