"""The `pulumi new` templates name what they install: the released packages at this version, and the plugin's release
location. tests/cli_e2e/test_release_cli.py runs each from `pulumi new` to `destroy` against local registries."""

from __future__ import annotations

import json

import yaml

from tests.cli_e2e.conftest import REPO, toml

TEMPLATES = REPO / "templates"
PROJECT = toml(REPO / "pyproject.toml")["project"]
VERSION = PROJECT["version"]


def test_each_template_prompts_for_the_account_and_keeps_the_secret_secret() -> None:
    for template in ("zoom-python", "zoom-typescript", "zoom-yaml"):
        config = yaml.safe_load((TEMPLATES / template / "Pulumi.yaml").read_text())["template"]["config"]
        assert sorted(config) == ["zoom:accountId", "zoom:clientId", "zoom:clientSecret"], template
        assert [key for key, prompt in config.items() if prompt.get("secret")] == ["zoom:clientSecret"], template


def test_yaml_template_names_the_plugins_version_and_release_location() -> None:
    declared = yaml.safe_load((TEMPLATES / "zoom-yaml" / "sdks" / "zoom.yaml").read_text())
    assert declared == {
        "packageDeclarationVersion": 1,
        "name": "zoom",
        "version": VERSION,
        "downloadUrl": PROJECT["urls"]["Plugin downloads"],
    }


def test_python_template_names_the_sdk_on_pypi_at_this_version() -> None:
    lines = (TEMPLATES / "zoom-python" / "requirements.txt").read_text().splitlines()
    assert [line for line in lines if not line.startswith("#")] == [f"pulumi-zoom=={VERSION}"]


def test_typescript_template_names_the_sdk_on_npm_at_this_version_in_its_package_and_lock() -> None:
    package = json.loads((TEMPLATES / "zoom-typescript" / "package.json").read_text())
    lock = json.loads((TEMPLATES / "zoom-typescript" / "package-lock.json").read_text())["packages"]
    assert package["dependencies"]["@zoom-blocklist-provider/zoom"] == VERSION
    root = {key: lock[""][key] for key in ("dependencies", "devDependencies", "engines")}
    assert root == {key: package[key] for key in ("dependencies", "devDependencies", "engines")}
    # Each release location builds another tarball (the SDK names it), so the lock holds the version, no digest.
    assert lock["node_modules/@zoom-blocklist-provider/zoom"]["version"] == VERSION
    assert "integrity" not in lock["node_modules/@zoom-blocklist-provider/zoom"]


def test_typescript_template_asks_for_the_nodejs_its_pulumi_sdk_requires() -> None:
    package = json.loads((TEMPLATES / "zoom-typescript" / "package.json").read_text())
    lock = json.loads((TEMPLATES / "zoom-typescript" / "package-lock.json").read_text())["packages"]
    assert package["engines"] == lock["node_modules/@pulumi/pulumi"]["engines"] == {"node": ">=22"}
    assert package["devDependencies"]["@types/node"] == "^22"
