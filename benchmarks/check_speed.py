"""`dl500 check` on the real bank replicated to 5,000 question files.

Prints the wall time of the full check (target ≤ 5 s) and, as a baseline measured in the
same run, the time to merely read and YAML-parse the same files, with the ratio.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TARGET_FILES = 5000


def replicate(src: Path, dst: Path, target: int) -> int:
    """Copy the bank and add renamed copies of its questions until it has `target` files."""
    shutil.copytree(src, dst)
    originals = sorted(dst.glob("[0-9][0-9]-*/*.md"))
    if not originals:
        raise SystemExit("the bank has no questions to replicate")
    copies_per = -(-target // len(originals)) - 1
    extra: dict[Path, list[str]] = {}
    for path in originals:
        for k in range(1, copies_per + 1):
            stem = f"{path.stem}-r{k}"
            (path.parent / f"{stem}.md").write_text(path.read_text(encoding="utf-8"), "utf-8")
            extra.setdefault(path.parent, []).append(stem)
    for folder, stems in extra.items():
        chapter = folder / "_chapter.yaml"
        data = yaml.safe_load(chapter.read_text(encoding="utf-8"))
        data["sections"] = (data.get("sections") or []) + [
            {"title": {"zh": "副本", "en": "Copies"}, "questions": stems}
        ]
        chapter.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return len(list(dst.glob("[0-9][0-9]-*/*.md")))


def baseline(root: Path) -> float:
    """Seconds to read every file and parse its front matter: a floor for any checker."""
    started = time.perf_counter()
    for path in root.glob("[0-9][0-9]-*/*.md"):
        text = path.read_text(encoding="utf-8")
        yaml.load(re.split(r"^---$", text, maxsplit=2, flags=re.M)[1], Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def main() -> None:
    dl500 = Path(sys.executable).with_name("dl500")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        count = replicate(ROOT / "content", root, TARGET_FILES)
        base = baseline(root)
        started = time.perf_counter()
        proc = subprocess.run(
            [str(dl500), "check", "--content", str(root)],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
    print(f"files: {count}")
    print(f"dl500 check: {elapsed:.2f} s (exit {proc.returncode}; target ≤ 5 s)")
    print(f"baseline read + YAML parse: {base:.2f} s; ratio {elapsed / base:.1f}×")
    print(proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-300:])


if __name__ == "__main__":
    main()
