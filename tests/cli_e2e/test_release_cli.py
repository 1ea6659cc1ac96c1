"""The release as a user outside the clone gets it: the plugin tarball `make dist` builds, installed by `pulumi plugin
install --file` or downloaded by the engine from the release location an SDK names, then a program's whole life.

Each route is held once, through a whole lifecycle: the tarball route (`pulumi plugin install --file`, the same for
every language) by the YAML test, which installs the plugin and then asks the release location for nothing; the
download route, which goes through the SDK of the program's language, by the Python and the TypeScript tests, each
fetching the tarball from the release location exactly once.

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
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from tests.cli_e2e.conftest import REPO, Result, Stack, local_only, locked_versions
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


def bare_path(tools: Path) -> str:
    """The CLI's folder and the system's, with no folder holding a zoom plugin or a virtualenv."""
    node = shutil.which("node")
    folders = dict.fromkeys([str(tools), *([str(Path(node).parent)] if node else []), "/usr/bin", "/bin"])
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


def test_release_holds_the_plugin_both_sdks_and_the_package_with_their_checksums(release: Release) -> None:
    names = sorted(path.name for path in release.dist.iterdir())
    assert names == [
        "SHA256SUMS",
        TARBALL,
        f"pulumi_zoom-{VERSION}-py3-none-any.whl",
        f"zoom-blocklist-provider-zoom-{VERSION}.tgz",
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
    expected = {"resource": True, "name": "zoom", "version": VERSION, "server": release.server.url}
    assert (python, nodejs) == (expected, expected)
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
