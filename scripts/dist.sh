#!/usr/bin/env bash
# `make dist`: the release of the zoom provider, for the platform it runs on.
#
#   scripts/dist.sh [DEST]      writes into DEST (default dist/), and prints DEST's path as the last line:
#     pulumi-resource-zoom-v<version>-<os>-<arch>.tar.gz   the plugin: `pulumi-resource-zoom` at its root, with its own
#                                                          Python and every package inside (PyInstaller, onedir)
#     zoom_blocklist_provider-<version>-py3-none-any.whl   the Python package (dynamic resources, zoom-blocklist)
#     pulumi_zoom-<version>-py3-none-any.whl               the native provider's Python SDK
#     zoom-blocklist-provider-zoom-<version>.tgz           the native provider's Node.js SDK (npm install <file>)
#     zoom-<language>-template-v<version>.zip              each `pulumi new` template of templates/, for
#                                                          `pulumi new <its URL in the release>`
#     SHA256SUMS                                           of every file of this version in DEST
#
# The version is pyproject.toml's; the release location (the schema's pluginDownloadURL, which both SDKs carry) is
# pyproject.toml's "Plugin downloads" URL, or PLUGIN_DOWNLOAD_URL when set (the YAML template names it too, in its
# sdks/zoom.yaml). With PLUGIN_DOWNLOAD_URL the schema and SDKs are generated anew for it (which needs the Pulumi CLI's tools: scripts/pulumi-tools.sh); without, the
# committed sdk/ is used as it is, since a test holds it to what `make sdk` generates.
#
# Everything is built in a scratch copy of the sources git knows (tracked and new, not ignored), in a build
# virtualenv of PYTHON (a Python with a shared libpython, which PyInstaller needs) filled from uv.lock and
# tools/pyinstaller.txt, both pinned by hash. Nothing is written into the checkout but DEST.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEST=$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)
PYTHON=${PYTHON:-python3}
UV=${UV:?"dist.sh: UV must name uv (make dist sets it)"}
LABEL="Plugin downloads"

say() { printf 'dist: [%3ds] %s\n' "$SECONDS" "$*" >&2; }

case $(uname -s) in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) say "no plugin build for $(uname -s)"; exit 2 ;;
esac
case $(uname -m) in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) say "no plugin build for $(uname -m)"; exit 2 ;;
esac
exe=pulumi-resource-zoom
[[ $os == windows ]] && exe=pulumi-resource-zoom.exe

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/src
mkdir -p "$src" "$work/out"
# A file deleted but not yet committed is listed by git and absent: it stays out.
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
  if [[ -e $file ]]; then printf '%s\0' "$file"; fi
done | tar --null -T - -cf -) | tar -xf - -C "$src"

if [[ -n ${PLUGIN_DOWNLOAD_URL:-} ]]; then
  # The one line that names the release location, rewritten in the copy only.
  LABEL=$LABEL URL=$PLUGIN_DOWNLOAD_URL "$PYTHON" - "$src/pyproject.toml" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
line = re.compile(r'^"' + re.escape(os.environ["LABEL"]) + r'" = ".*"$', re.M)
url = os.environ["URL"]
if len(line.findall(text)) != 1:
    sys.exit(f"dist: pyproject.toml must hold one \"{os.environ['LABEL']}\" line under [project.urls]")
open(path, "w", encoding="utf-8").write(line.sub(lambda _: f'"{os.environ["LABEL"]}" = "{url}"', text))
PY
  # The YAML template's package declaration names the same location, in its one downloadUrl line.
  URL=$PLUGIN_DOWNLOAD_URL "$PYTHON" - "$src/templates/zoom-yaml/sdks/zoom.yaml" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
line = re.compile(r"^downloadUrl: .*$", re.M)
if len(line.findall(text)) != 1:
    sys.exit("dist: templates/zoom-yaml/sdks/zoom.yaml must hold one downloadUrl line")
open(path, "w", encoding="utf-8").write(line.sub(lambda _: "downloadUrl: " + os.environ["URL"], text))
PY
  say "the release location: $PLUGIN_DOWNLOAD_URL"
fi

say "the build virtualenv ($PYTHON, uv.lock's packages, tools/pyinstaller.txt)"
"$UV" venv --quiet --python "$PYTHON" "$work/venv"
bin=$work/venv/bin
[[ -d $bin ]] || bin=$work/venv/Scripts
# The package's own dependencies at uv.lock's versions: no extra, no dependency group (the dev tools, the SDK).
"$UV" export --project "$src" --frozen --no-emit-project --no-emit-workspace --no-default-groups --no-header --quiet \
  --output-file "$work/runtime.txt"
"$UV" pip install --quiet --python "$bin/python" --require-hashes -r "$work/runtime.txt" \
  -r "$src/tools/pyinstaller.txt"
"$UV" build --quiet --wheel --out-dir "$work/out" "$src"
"$UV" pip install --quiet --python "$bin/python" --no-deps "$work"/out/zoom_blocklist_provider-*.whl
version=$("$bin/python" -c 'import importlib.metadata as m; print(m.version("zoom-blocklist-provider"))')

if [[ -n ${PLUGIN_DOWNLOAD_URL:-} ]]; then
  say "the schema and SDKs for that location (scripts/gen-sdk.sh)"
  PYTHON=$bin/python "$src/scripts/gen-sdk.sh" "$src/sdk"
fi
# setuptools builds the SDK's wheel in its source folder: the copy's.
"$UV" build --quiet --wheel --out-dir "$work/out" "$src/sdk/python"
say "the Node.js SDK's npm tarball (scripts/build-nodejs-sdk.sh)"
"$src/scripts/build-nodejs-sdk.sh" "$work/out" >/dev/null

# The plugin: PyInstaller's onedir, its modules compiled now rather than at each start. noarchive keeps them as .pyc
# files beside the executable, read by Python's own importer, instead of inside a compressed archive read by
# PyInstaller's importer in Python: about 10% less CPU to start (benchmarks/plugin_start.py). Nothing the plugin
# runs needs setuptools, which PyInstaller's hooks would otherwise pack with a runtime hook importing it at start.
say "the plugin (PyInstaller, onedir)"
printf 'from zoom_blocklist_provider.native.main import main\n\nmain()\n' >"$work/plugin.py"
"$bin/pyinstaller" --noconfirm --clean --onedir --log-level WARN --name pulumi-resource-zoom \
  --distpath "$work/bundle" --workpath "$work/pyinstaller" --specpath "$work/pyinstaller" \
  --collect-submodules zoom_blocklist_provider --collect-data zoom_blocklist_provider --collect-data phonenumbers \
  --exclude-module setuptools --exclude-module pkg_resources --debug noarchive \
  --copy-metadata zoom-blocklist-provider "$work/plugin.py" >&2
tarball=pulumi-resource-zoom-v$version-$os-$arch.tar.gz
say "$tarball"
"$bin/python" - "$work/bundle/pulumi-resource-zoom" "$work/out/$tarball" "$exe" <<'PY'
import os, sys, tarfile
folder, tarball, exe = sys.argv[1:]
if not os.path.isfile(os.path.join(folder, exe)):
    sys.exit(f"dist: PyInstaller made no {exe}")
# Pulumi's plugin tarballs hold the executable at their root. gzip's level 6 (gzip's own default, not tarfile's 9):
# as small within 2%, in a third of the time.
with tarfile.open(tarball, "w:gz", compresslevel=6) as archive:
    for name in sorted(os.listdir(folder)):
        archive.add(os.path.join(folder, name), arcname=name)
PY

say "the pulumi new templates"
"$bin/python" - "$src/templates" "$work/out" "$version" <<'PY'
import os, sys, zipfile
templates, out, version = sys.argv[1:]
# `pulumi new <URL of a .zip>` takes a template whose Pulumi.yaml is at the archive's root, and makes no folder the
# archive does not list (sdks/ before sdks/zoom.yaml). Sorted names and one fixed time: the same template makes the
# same archive.
for name in sorted(os.listdir(templates)):
    folder = os.path.join(templates, name)
    entries = set()
    for top, _, names in os.walk(folder):
        relative = os.path.relpath(top, folder).replace(os.sep, "/")
        if relative != ".":
            entries.add(relative + "/")
        entries.update(file if relative == "." else f"{relative}/{file}" for file in names)
    with zipfile.ZipFile(os.path.join(out, f"{name}-template-v{version}.zip"), "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in sorted(entries):
            info = zipfile.ZipInfo(entry, date_time=(1980, 1, 1, 0, 0, 0))
            if entry.endswith("/"):
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
                continue
            info.external_attr = 0o644 << 16
            with open(os.path.join(folder, entry), "rb") as data:
                archive.writestr(info, data.read(), zipfile.ZIP_DEFLATED)
PY

cp "$work"/out/* "$DEST/"
"$bin/python" - "$DEST" "$version" <<'PY'
import hashlib, os, sys
dest, version = sys.argv[1:]
# Every file of this version: also the other platforms' plugin tarballs a release job gathered here.
names = sorted(
    n for n in os.listdir(dest) if n != "SHA256SUMS" and any(f"-{mark}" in n for mark in (f"v{version}-", f"v{version}.", version))
)
with open(os.path.join(dest, "SHA256SUMS"), "w", encoding="ascii", newline="\n") as sums:
    for name in names:
        with open(os.path.join(dest, name), "rb") as built:
            sums.write(f"{hashlib.sha256(built.read()).hexdigest()}  {name}\n")
PY
say "wrote $(cd "$DEST" && ls -- *"$version"* SHA256SUMS | tr '\n' ' ')"
echo "$DEST"
