"""Draw docs/guides/ci-review.png: `zoom-blocklist review` of a preview, rendered as GitHub shows a comment, in
headless Chromium.

Usage: .venv/bin/python benchmarks/review_screenshot.py PREVIEW OUTPUT.png [--chromium /usr/bin/chromium]

PREVIEW is what `pulumi preview --json` printed (the CI guide's picture is the streamed preview of the test suite's
pull request under the advisory pack: out/advisory.jsonl of tests/cli_e2e/review's build folder). The Markdown is
rendered with markdown-it-py (CommonMark with GitHub's tables and raw HTML, as GitHub allows <details>), styled
like a GitHub comment, and photographed by Chromium with no network (Debian's chromium package; the test suite
does not need it); the picture is cropped to its content.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt
from PIL import Image, ImageChops

WIDTH = 1180
STYLE = """
body { margin: 0; background: #ffffff; }
.comment { margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; max-width: 1140px; }
.head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e;
        font: 14px -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.head b { color: #1f2328; }
.body { padding: 16px; color: #1f2328; line-height: 1.5;
        font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.body > :first-child { margin-top: 0; }
p, ul, table, details { margin: 0 0 16px; }
ul { padding-left: 2em; }
h4 { font-size: 14px; margin: 24px 0 12px; }
code { font: 12px "DejaVu Sans Mono", ui-monospace, SFMono-Regular, Menlo, monospace; background: #eff1f3;
       padding: 0.2em 0.4em; border-radius: 6px; }
table { border-collapse: collapse; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
"""


def rendered(markdown: str) -> str:
    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    head = "<b>github-actions</b> <span>bot</span> commented"
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{STYLE}</style></head><body>"
        f"<div class='comment'><div class='head'>{head}</div><div class='body'>{body}</div></div></body></html>"
    )


def photograph(html: Path, png: Path, chromium: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--hide-scrollbars", f"--window-size={WIDTH},4000",
                f"--screenshot={png}", html.as_uri(),
            ],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    picture = Image.open(png).convert("RGB")
    blank = Image.new("RGB", picture.size, (255, 255, 255))
    box = ImageChops.difference(picture, blank).getbbox()
    if box is None:
        sys.exit(f"Chromium drew a blank page from {html}")
    cropped = picture.crop((0, 0, WIDTH, min(picture.height, box[3] + 16)))
    # 128 colours keep the text's anti-aliasing and quarter the file.
    cropped.quantize(colors=128).save(png, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("preview", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    review = Path(sys.executable).parent / "zoom-blocklist"
    markdown = subprocess.run(
        [str(review), "review", str(args.preview)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "review.html"
        html.write_text(rendered(markdown), encoding="utf-8")
        photograph(html, args.output, args.chromium)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
