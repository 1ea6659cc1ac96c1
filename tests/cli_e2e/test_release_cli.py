"""The release as a user outside the clone gets it: the plugin tarball `make dist` builds, installed by `pulumi plugin
install --file` or downloaded by the engine from the release location an SDK names, then a program's whole life.

Each route is held once, through a whole lifecycle: the tarball route (`pulumi plugin install --file`, the same for
every language) by the YAML test, which installs the plugin and then asks the release location for nothing; the
download route, which goes through the SDK of the program's language, by the Python and the TypeScript tests, each
fetching the tarball from the release location exactly once.

The `pulumi new` templates are held the same way, each from `pulumi new` to `destroy`: from the template's archive at
the release location (`pulumi new <its URL>`, as the README gives it), with the packages each names installed from
package registries started on loopback (registries.py): the Node.js SDK from Verdaccio, where the release's npm
tarball is published, on the Node.js the templates support (22); the Python SDK from pypiserver, serving the
release's wheels; the YAML template's plugin from the release location its sdks/zoom.yaml names.

The release is built once a session (`make dist`, into a scratch folder) with PLUGIN_DOWNLOAD_URL pointing at a
loopback HTTP server that stands in for the release location. Each project lives in tmp_path, with only the CLI's
folder and the system's on PATH: no virtualenv, no `plugins:` entry, nothing that holds `pulumi-resource-zoom`, so
the engine can only find the plugin in PULUMI_HOME. A Python program's interpreter is named by PULUMI_PYTHON_CMD
(the v3.68.0 Python host built here ignores the `virtualenv` option; ENGINE.md)."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
import yaml
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from tests.cli_e2e.conftest import REPO, Result, Stack, local_only, locked_versions
from tests.cli_e2e.registries import Registry, registry_tools, start_package_index, start_verdaccio
from tests.conftest import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET
from zoom_blocklist_provider.emulator import Emulator

pytestmark = [pytest.mark.cli, pytest.mark.timeout(600)]
VERSION = "0.1.0"
TARBALL = f"pulumi-resource-zoom-v{VERSION}-linux-amd64.tar.gz"
RELEASE_PATH = "/releases/v${VERSION}"  # the engine fills in ${VERSION}
NATIVE = "zoom:phone:BlockedNumber"
FROM_PATH = "from $PATH"  # the engine's warning: "using pulumi-resource-zoom from $PATH"
NPM = ["npm", "--no-audit", "--no-fund", "--loglevel=error"]


class ReleaseServer(http.server.ThreadingHTTPServer):
    """The release location: serves a folder on loopback and remembers each path asked for."""

    def __init__(self, folder: Path) -> None:
        self.asked: list[str] = []
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

            def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
                server.asked.append(self.path)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the test reads `asked`, not stderr."""

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{RELEASE_PATH}"


@dataclass
class Release:
    dist: Path
    server: ReleaseServer

    def wheel(self, name: str) -> Path:
        (found,) = self.dist.glob(f"{name}-{VERSION}-*.whl")
        return found

    def template(self, name: str) -> str:
        """The URL of the template's archive at the release location, for `pulumi new <URL>`."""
        return f"{self.server.url.replace('${VERSION}', VERSION)}/{name}-template-v{VERSION}.zip"


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory, pulumi_tools: Path) -> Iterator[Release]:
    """`make dist PLUGIN_DOWNLOAD_URL=<the loopback server>`, its files also published on that server."""
    root = tmp_path_factory.mktemp("release")
    server = ReleaseServer(root / "site")
    dist = root / "site" / "releases" / f"v{VERSION}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "MAKE"))}
    env["PATH"] = os.pathsep.join([str(pulumi_tools), env["PATH"]])
    try:
        built = subprocess.run(
            ["make", "-C", str(REPO), "--no-print-directory", "dist", f"DIST_DIR={dist}",
             f"PLUGIN_DOWNLOAD_URL={server.url}"],
            capture_output=True, text=True, env=env, timeout=900, check=False,
        )  # fmt: skip
        assert built.returncode == 0, f"make dist failed:\n{built.stdout}\n{built.stderr}"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield Release(dist, server)
        server.shutdown()
    finally:
        server.server_close()


def bare_path(tools: Path, node: Path | None = None) -> str:
    """The CLI's folder and the system's, with no folder holding a zoom plugin or a virtualenv; `node`, the folder
    of the Node.js to run, first."""
    found = shutil.which("node")
    system_node = [str(Path(found).parent)] if found else []
    folders = dict.fromkeys([*([str(node)] if node else []), str(tools), *system_node, "/usr/bin", "/bin"])
    for folder in folders:
        assert not (Path(folder) / "pulumi-resource-zoom").exists(), f"{folder} holds a pulumi-resource-zoom"
        assert not (Path(folder).parent / "pyvenv.cfg").exists(), f"{folder} is a virtualenv's"
    return os.pathsep.join(folders)


def user_stack(tools: Path, emu: Emulator, project: Path, home: Path, extra: dict[str, str] | None = None) -> Stack:
    """A stack of `project` in its own backend and PULUMI_HOME `home`, its zoom:* config pointing at the emulator."""
    backend = home.parent / f"{home.name}-backend"
    backend.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "ZOOM_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(PATH=bare_path(tools), **local_only(home, backend), **(extra or {}))
    stack = Stack(tools, project, env, home, backend)
    stack.run("stack", "init", "dev")
    plaintext = {"apiUrl": emu.api_url, "oauthUrl": emu.oauth_url, "accountId": ACCOUNT_ID, "clientId": CLIENT_ID}
    stack.run(
        "config", "set-all", *(f"--plaintext=zoom:{k}={v}" for k, v in plaintext.items()),
        f"--secret=zoom:clientSecret={CLIENT_SECRET}",
    )  # fmt: skip
    return stack


def install_from_tarball(stack: Stack, release: Release) -> None:
    stack.run("plugin", "install", "resource", "zoom", VERSION, "--file", str(release.dist / TARBALL))


def import_by_id(stack: Stack, *args: str) -> Result:
    """`pulumi import <args>` with the id (the last of them) after `--`, and every flag before it."""
    *words, entry_id = args
    command = [str(stack.tools / "pulumi"), "import", *words, "--non-interactive", "--", entry_id]
    done = subprocess.run(
        command, cwd=stack.project, env=stack.env, capture_output=True, text=True, timeout=stack.timeout, check=False
    )
    result = Result(("import", *args), done.returncode, done.stdout, done.stderr)
    stack.transcript.append(result)
    assert result.returncode == 0, f"pulumi import failed:\n{result.stdout}\n{result.stderr}"
    return result


def lifecycle(stack: Stack, emu: Emulator, *, generate_code: bool = True) -> None:
    """preview, up, import of an entry added in the portal (its id after `--`), destroy: each on the release's plugin."""
    preview = stack.run("preview")
    assert " +  zoom:phone:BlockedNumber robocaller create" in preview.stdout
    stack.run("up", "--yes")
    assert [(e["phone_number"], e["comment"]) for e in emu.admin.entries()] == [("+19075550100", "INC-4821")]
    entry_id = emu.admin.add_entry(phone_number="+442079460099", block_type="outbound", comment="portal")
    code = [] if generate_code else ["--generate-code=false"]
    import_by_id(stack, "--yes", "--protect=false", *code, NATIVE, "imported", entry_id)
    assert stack.ids(NATIVE)["imported"] == entry_id
    stack.run("destroy", "--yes")
    assert emu.admin.entries() == []
    plugin = stack.home / "plugins" / f"resource-zoom-v{VERSION}" / "pulumi-resource-zoom"
    assert plugin.is_file()
    assert [r.args[0] for r in stack.transcript if FROM_PATH in r.output] == []


def write_yaml_project(folder: Path) -> Path:
    folder.mkdir()
    (folder / "Pulumi.yaml").write_text(
        "name: release-yaml\nruntime: yaml\nresources:\n  robocaller:\n    type: zoom:phone:BlockedNumber\n"
        '    properties:\n      phoneNumber: "+1 (907) 555-0100"\n      comment: INC-4821\n'
    )
    return folder


def write_python_project(folder: Path) -> Path:
    folder.mkdir()
    (folder / "Pulumi.yaml").write_text("name: release-python\nruntime: python\n")
    (folder / "__main__.py").write_text(
        "import pulumi_zoom as zoom\n\n"
        'zoom.phone.BlockedNumber("robocaller", phone_number="+1 (907) 555-0100", comment="INC-4821")\n'
    )
    return folder


def write_typescript_project(folder: Path, release: Release) -> Path:
    """A TypeScript project with @pulumi/pulumi from its lock file and the SDK from the release's npm tarball."""
    folder.mkdir()
    for name in ("package.json", "package-lock.json", "tsconfig.json"):
        shutil.copy(REPO / "examples" / "native-typescript" / name, folder / name)
    (folder / "Pulumi.yaml").write_text("name: release-typescript\nruntime: nodejs\n")
    (folder / "index.ts").write_text(
        'import * as zoom from "@zoom-blocklist-provider/zoom";\n\n'
        'new zoom.phone.BlockedNumber("robocaller", { phoneNumber: "+1 (907) 555-0100", comment: "INC-4821" });\n'
    )
    (tarball,) = release.dist.glob(f"zoom-blocklist-provider-zoom-{VERSION}.tgz")
    for args in (["ci"], ["install", str(tarball)]):
        done = subprocess.run([*NPM, *args], cwd=folder, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, f"npm {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return folder


@pytest.fixture(scope="session")
def sdk_only_venv(tmp_path_factory: pytest.TempPathFactory, release: Release) -> Path:
    """A virtualenv with the release's pulumi_zoom wheel and what it requires (at uv.lock's versions), nothing else."""
    root = tmp_path_factory.mktemp("sdk-only")
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True, timeout=120)
    (root / "constraints.txt").write_text(locked_versions())
    subprocess.run(
        [str(root / "venv" / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "--quiet", "install",
         str(release.wheel("pulumi_zoom")), "-c", str(root / "constraints.txt")],
        check=True, timeout=600,
    )  # fmt: skip
    return root / "venv"


def test_release_yaml_project_runs_on_the_plugin_installed_from_the_tarball(
    pulumi_tools: Path, release: Release, emu: Emulator, tmp_path: Path
) -> None:
    stack = user_stack(pulumi_tools, emu, write_yaml_project(tmp_path / "project"), tmp_path / "home")
    install_from_tarball(stack, release)
    release.server.asked.clear()
    lifecycle(stack, emu)
    assert release.server.asked == []


def test_release_python_project_gets_the_plugin_from_the_release_location(
    pulumi_tools: Path, release: Release, sdk_only_venv: Path, emu: Emulator, tmp_path: Path
) -> None:
    project = write_python_project(tmp_path / "project")
    python = {"PULUMI_PYTHON_CMD": str(sdk_only_venv / "bin" / "python")}
    release.server.asked.clear()
    downloaded = user_stack(pulumi_tools, emu, project, tmp_path / "downloaded", python)
    # The v3.68.0 Python host built here cannot print the code of a resource whose package names a download URL
    # ("package block label is deprecated"): the import itself is what is held here.
    lifecycle(downloaded, emu, generate_code=False)
    assert release.server.asked == [f"/releases/v{VERSION}/{TARBALL}"]


def test_release_typescript_project_gets_the_plugin_from_the_release_location(
    pulumi_tools: Path, release: Release, emu: Emulator, tmp_path: Path
) -> None:
    project = write_typescript_project(tmp_path / "project", release)
    release.server.asked.clear()
    downloaded = user_stack(pulumi_tools, emu, project, tmp_path / "downloaded")
    # The Node.js host built here cannot print program code (GenerateProgram): ENGINE.md.
    lifecycle(downloaded, emu, generate_code=False)
    assert release.server.asked == [f"/releases/v{VERSION}/{TARBALL}"]


def test_release_holds_the_plugin_both_sdks_the_package_and_the_templates_with_their_checksums(
    release: Release,
) -> None:
    names = sorted(path.name for path in release.dist.iterdir())
    assert names == [
        "SHA256SUMS",
        TARBALL,
        f"pulumi_zoom-{VERSION}-py3-none-any.whl",
        f"zoom-blocklist-provider-zoom-{VERSION}.tgz",
        *(f"zoom-{language}-template-v{VERSION}.zip" for language in ("go", "python", "typescript", "yaml")),
        f"zoom_blocklist_provider-{VERSION}-py3-none-any.whl",
    ]
    sums = {
        name: digest
        for digest, name in (line.split("  ") for line in (release.dist / "SHA256SUMS").read_text().splitlines())
    }
    assert sums == {name: hashlib.sha256((release.dist / name).read_bytes()).hexdigest() for name in names[1:]}
    with tarfile.open(release.dist / TARBALL) as plugin:
        executable = plugin.getmember("pulumi-resource-zoom")
        assert (executable.isfile(), executable.mode & 0o111) == (True, 0o111)
        assert sorted({member.name.split("/")[0] for member in plugin.getmembers()}) == [
            "_internal",
            "pulumi-resource-zoom",
        ]


def test_release_sdks_name_the_release_location_it_was_built_for(release: Release) -> None:
    with zipfile.ZipFile(release.wheel("pulumi_zoom")) as wheel:
        python = json.loads(wheel.read("pulumi_zoom/pulumi-plugin.json"))
    with tarfile.open(release.dist / f"zoom-blocklist-provider-zoom-{VERSION}.tgz") as npm:
        package = npm.extractfile("package/package.json")
        assert package is not None
        nodejs = json.loads(package.read())["pulumi"]
    with zipfile.ZipFile(release.dist / f"zoom-yaml-template-v{VERSION}.zip") as template:
        yaml_package = yaml.safe_load(template.read("sdks/zoom.yaml"))
    expected = {"resource": True, "name": "zoom", "version": VERSION, "server": release.server.url}
    assert (python, nodejs) == (expected, expected)
    assert yaml_package == {"packageDeclarationVersion": 1, "name": "zoom", "version": VERSION,
                            "downloadUrl": release.server.url}  # fmt: skip
    assert release.server.url.endswith("/releases/v${VERSION}")


def test_release_plugin_serves_the_committed_schema_with_the_release_location(release: Release, tmp_path: Path) -> None:
    # The plugin answers GetSchema from the schema file the wheel carries (native/lazy.py), before importing its
    # models: the YAML language host asks for it at every command.
    committed = (REPO / "sdk" / "schema.json").read_text()
    with zipfile.ZipFile(release.wheel("zoom_blocklist_provider")) as wheel:
        assert wheel.read("zoom_blocklist_provider/native/schema.json").decode() == committed
    with tarfile.open(release.dist / TARBALL) as plugin:
        plugin.extractall(tmp_path / "plugin", filter="tar")
    assert (tmp_path / "plugin" / "_internal" / "zoom_blocklist_provider" / "native" / "schema.json").read_text() == (
        committed
    )
    process = subprocess.Popen(
        [str(tmp_path / "plugin" / "pulumi-resource-zoom")], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = provider_pb2_grpc.ResourceProviderStub(channel)
            served = json.loads(stub.GetSchema(provider_pb2.GetSchemaRequest(version=0), timeout=60).schema)
    finally:
        process.terminate()
        process.wait(timeout=30)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()
    assert (served["version"], served["pluginDownloadURL"]) == (VERSION, release.server.url)
    assert {**served, "pluginDownloadURL": None} == {**json.loads(committed), "pluginDownloadURL": None}


@pytest.fixture(scope="session")
def node_and_verdaccio() -> Path:
    """The folder holding Node.js 22 (node/bin) and Verdaccio, from scripts/registry-tools.sh."""
    return registry_tools()


@pytest.fixture(scope="session")
def npm_registry(
    tmp_path_factory: pytest.TempPathFactory, release: Release, node_and_verdaccio: Path
) -> Iterator[Registry]:
    """Verdaccio on loopback, the release's npm tarball published to it."""
    (tarball,) = release.dist.glob(f"zoom-blocklist-provider-zoom-{VERSION}.tgz")
    registry = start_verdaccio(node_and_verdaccio, tmp_path_factory.mktemp("npm") / "verdaccio", [tarball])
    yield registry
    registry.stop()


@pytest.fixture(scope="session")
def package_index(tmp_path_factory: pytest.TempPathFactory, release: Release) -> Iterator[Registry]:
    """pypiserver on loopback, serving the release's two wheels."""
    wheels = [release.wheel("pulumi_zoom"), release.wheel("zoom_blocklist_provider")]
    registry = start_package_index(tmp_path_factory.mktemp("pypi"), wheels)
    yield registry
    registry.stop()


TEMPLATE_PLAN = {
    "pulumi:pulumi:Stack": "create",
    "zoom:phone:BlockedNumber": "create",
    "zoom:phone:Blocklist": "create",
}
TEMPLATE_ENTRIES = [
    ("+1900", "CHG-2201: no premium-rate calls from company phones"),
    ("+19075550100", "INC-4821: robocaller posing as the tax office"),
    ("+19075550102", "INC-5012: fax tones every night at 2am"),
]


def from_template(
    tools: Path, release: Release, emu: Emulator, tmp_path: Path, template: str, env: dict[str, str]
) -> tuple[Stack, Result]:
    """`pulumi new <the template's URL at the release location>` in an empty folder, as the README gives it (the
    account and client ids with --config, the secret with `config set --secret`), then pointed at the emulator."""
    project, home, backend = tmp_path / "blocked-numbers", tmp_path / "home", tmp_path / "backend"
    project.mkdir()
    backend.mkdir()
    user = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "ZOOM_", "VIRTUAL_ENV", "PYTHON"))}
    user.update(PATH=bare_path(tools, Path(env.pop("NODE_FOLDER")) if "NODE_FOLDER" in env else None))
    # The release location here is http://, which this CLI takes for the name of a template in Pulumi's registry (out
    # of reach here) unless told not to look there; a release's https:// URL is taken for a URL (the docs say so).
    local = {**local_only(home, backend), "PULUMI_DISABLE_REGISTRY_RESOLVE": "true"}
    stack = Stack(tools, project, {**user, **local, **env}, home, backend)
    created = stack.run(
        "new", release.template(template), "--yes", "--stack", "dev", "--name", "blocked-numbers",
        "--config", f"zoom:accountId={ACCOUNT_ID}", "--config", f"zoom:clientId={CLIENT_ID}",
    )  # fmt: skip
    stack.run("config", "set", "--secret", "zoom:clientSecret", CLIENT_SECRET)
    stack.run(
        "config", "set-all", f"--plaintext=zoom:apiUrl={emu.api_url}", f"--plaintext=zoom:oauthUrl={emu.oauth_url}"
    )
    return stack, created


def template_lifecycle(stack: Stack, emu: Emulator) -> None:
    """preview (no call to Zoom), up (the template's three entries), destroy (none left), all on the release's plugin."""
    steps = stack.json("preview", "--json")["steps"]
    assert {step["urn"].split("::")[2]: step["op"] for step in steps} == TEMPLATE_PLAN
    assert emu.admin.requests() == []
    stack.run("up", "--yes", "--skip-preview")
    assert sorted((entry["phone_number"], entry["comment"]) for entry in emu.admin.entries()) == TEMPLATE_ENTRIES
    stack.run("destroy", "--yes", "--skip-preview")
    assert emu.admin.entries() == []
    assert [r.args[0] for r in stack.transcript if FROM_PATH in r.output] == []


def fetched_from_release(release: Release, template: str) -> list[str]:
    """What the release location serves a project made from `template`: its archive, then the plugin, once."""
    folder = f"/releases/v{VERSION}"
    return [f"{folder}/{template}-template-v{VERSION}.zip", f"{folder}/{TARBALL}"]


def test_release_yaml_template_goes_from_pulumi_new_to_destroy_on_the_plugin_it_names(
    pulumi_tools: Path, release: Release, emu: Emulator, tmp_path: Path
) -> None:
    release.server.asked.clear()
    stack, created = from_template(pulumi_tools, release, emu, tmp_path, "zoom-yaml", {})
    assert "Your new project is ready to go!" in created.stdout
    # pulumi new installed the plugin from the release location the template's sdks/zoom.yaml names.
    assert release.server.asked == fetched_from_release(release, "zoom-yaml")
    template_lifecycle(stack, emu)
    assert release.server.asked == fetched_from_release(release, "zoom-yaml")


def test_release_typescript_template_goes_from_pulumi_new_to_destroy_on_node_22_with_the_sdk_from_npm(
    pulumi_tools: Path, release: Release, npm_registry: Registry, node_and_verdaccio: Path, emu: Emulator,
    tmp_path: Path,
) -> None:  # fmt: skip
    release.server.asked.clear()
    node = {"NODE_FOLDER": str(node_and_verdaccio / "node" / "bin"), "NPM_CONFIG_REGISTRY": f"{npm_registry.url}/"}
    stack, created = from_template(pulumi_tools, release, emu, tmp_path, "zoom-typescript", node)
    assert ("Your new project is ready to go!" in created.stdout, "EBADENGINE" in created.output) == (True, False)
    sdk = json.loads(
        (stack.project / "node_modules" / "@zoom-blocklist-provider" / "zoom" / "package.json").read_text()
    )
    assert (sdk["version"], sdk["pulumi"]["server"]) == (VERSION, release.server.url)  # the release's, from Verdaccio
    assert release.server.asked == fetched_from_release(release, "zoom-typescript")
    template_lifecycle(stack, emu)


def test_release_python_template_goes_from_pulumi_new_to_destroy_with_the_sdk_from_the_package_index(
    pulumi_tools: Path, release: Release, package_index: Registry, emu: Emulator, tmp_path: Path
) -> None:
    release.server.asked.clear()
    (tmp_path / "constraints.txt").write_text(locked_versions())  # what PyPI serves besides, at uv.lock's versions
    pip = {"PIP_INDEX_URL": f"{package_index.url}/simple/", "PIP_CONSTRAINT": str(tmp_path / "constraints.txt")}
    stack, created = from_template(pulumi_tools, release, emu, tmp_path, "zoom-python", pip)
    assert f"pulumi-zoom-{VERSION}" in created.stdout.split("Successfully installed", 1)[1]
    plugin_json = next(stack.project.glob("lib/python3*/site-packages/pulumi_zoom/pulumi-plugin.json"))
    assert json.loads(plugin_json.read_text())["server"] == release.server.url  # the release's, from pypiserver
    # The template's quickstart, printed by pulumi new: the Python host built here runs the first python3 on PATH.
    assert "run `source bin/activate` in the project's" in created.stdout
    stack.env.update(VIRTUAL_ENV=str(stack.project), PATH=f"{stack.project / 'bin'}{os.pathsep}{stack.env['PATH']}")
    template_lifecycle(stack, emu)
    assert release.server.asked == fetched_from_release(release, "zoom-python")
