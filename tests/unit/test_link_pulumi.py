"""`scripts/link-pulumi.sh` (make setup, make cli): the CLI on an activated .venv's PATH, as links that confuse
nothing: scripts/pulumi-tools.sh follows them to the CLI's own folder, and no file of the virtualenv is replaced."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "link-pulumi.sh"
TOOLS = ["pulumi", "pulumi-language-nodejs", "pulumi-language-python", "pulumi-language-yaml"]


def tools_folder(root: Path, version: str = "3.300.0") -> Path:
    """A stand-in for the CLI's folder: a `pulumi` that prints its version, hosts, and files that are not tools."""
    folder = root / "tools"
    folder.mkdir(parents=True)
    for name in TOOLS:
        (folder / name).write_text(f"#!/bin/sh\necho v{version}\n")
        (folder / name).chmod(0o755)
    (folder / "zoom-gen-sdk").write_text("#!/bin/sh\n")
    (folder / "zoom-gen-sdk").chmod(0o755)
    (folder / "READY").write_text("built\n")
    return folder


def link(tools: Path, bin_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), str(tools), str(bin_dir)], capture_output=True, text=True, timeout=60, check=True
    )


def test_the_cli_and_its_hosts_are_linked_and_nothing_else(tmp_path: Path) -> None:
    tools, bin_dir = tools_folder(tmp_path), tmp_path / "venv-bin"
    bin_dir.mkdir()
    done = link(tools, bin_dir)
    assert {p.name: os.readlink(p) for p in bin_dir.iterdir()} == {name: str(tools / name) for name in TOOLS}
    assert done.stderr == f"link-pulumi: {' '.join(TOOLS)} linked into {bin_dir} from {tools}\n"


def test_a_file_of_the_virtualenv_is_never_replaced(tmp_path: Path) -> None:
    tools, bin_dir = tools_folder(tmp_path), tmp_path / "venv-bin"
    bin_dir.mkdir()
    (bin_dir / "pulumi").write_text("#!/bin/sh\necho mine\n")
    link(tools, bin_dir)
    assert ((bin_dir / "pulumi").is_symlink(), (bin_dir / "pulumi").read_text()) == (False, "#!/bin/sh\necho mine\n")
    assert (bin_dir / "pulumi-language-python").is_symlink()


def test_links_to_a_removed_build_are_dropped_and_links_follow_the_new_one(tmp_path: Path) -> None:
    old, bin_dir = tools_folder(tmp_path / "old"), tmp_path / "venv-bin"
    bin_dir.mkdir()
    (old / "pulumi-language-dotnet").write_text("#!/bin/sh\n")
    (old / "pulumi-language-dotnet").chmod(0o755)
    link(old, bin_dir)
    shutil.rmtree(old)
    new = tools_folder(tmp_path / "new")
    link(new, bin_dir)
    assert {p.name: os.readlink(p) for p in bin_dir.iterdir()} == {name: str(new / name) for name in TOOLS}


def test_pulumi_tools_follows_the_links_to_the_clis_own_folder(tmp_path: Path) -> None:
    tools, bin_dir = tools_folder(tmp_path), tmp_path / "venv-bin"
    bin_dir.mkdir()
    link(tools, bin_dir)
    system = [d for d in os.environ["PATH"].split(os.pathsep) if not (Path(d) / "pulumi").exists()]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZOOM_TOOLS_", "PULUMI_"))}
    env.update(PATH=os.pathsep.join([str(bin_dir), *system]), ZOOM_TOOLS_CACHE=str(tmp_path / "cache"))
    found = subprocess.run(
        [str(REPO / "scripts" / "pulumi-tools.sh"), "--find"], env=env, capture_output=True, text=True, timeout=60,
        check=True,
    )  # fmt: skip
    assert found.stdout == f"{tools}\n"


def checkout_copy(root: Path) -> Path:
    """What make cli needs of the checkout, beside an empty .venv/bin."""
    copy = root / "checkout"
    copy.mkdir()
    for name in ("Makefile", "scripts", "tools"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, copy / name)
    (copy / ".venv" / "bin").mkdir(parents=True)
    return copy


def make_env(root: Path, *folders: Path, **extra: str) -> dict[str, str]:
    """No pulumi but those in `folders`, no build, and a cache of its own."""
    system = [d for d in os.environ["PATH"].split(os.pathsep) if not (Path(d) / "pulumi").exists()]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZOOM_TOOLS_", "PULUMI_", "MAKE"))}
    env.update(PATH=os.pathsep.join([*map(str, folders), *system]), ZOOM_TOOLS_CACHE=str(root / "cache"))
    env.update(ZOOM_TOOLS_NO_BUILD="1", **extra)
    return env


def test_make_cli_links_into_an_existing_venv(tmp_path: Path) -> None:
    copy, tools = checkout_copy(tmp_path), tools_folder(tmp_path)
    made = subprocess.run(
        ["make", "-C", str(copy), "cli"], env=make_env(tmp_path, tools), capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert f"The Pulumi CLI and its hosts are in {tools}\n" in made.stdout
    assert sorted(p.name for p in (copy / ".venv" / "bin").iterdir()) == TOOLS


def test_make_cli_without_a_cli_fails_and_links_nothing(tmp_path: Path) -> None:
    copy = checkout_copy(tmp_path)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        env = make_env(tmp_path, PULUMI_INSTALL_URL=f"http://127.0.0.1:{closed.getsockname()[1]}/install.sh")
        made = subprocess.run(
            ["make", "-C", str(copy), "cli"], env=env, capture_output=True, text=True, timeout=60, check=False
        )
    assert made.returncode == 2
    assert "The Pulumi CLI and its hosts are in" not in made.stdout
    assert list((copy / ".venv" / "bin").iterdir()) == []
