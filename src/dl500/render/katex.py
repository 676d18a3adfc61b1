"""Find the KaTeX install and check formulas with it.

KaTeX comes from npm (`make` runs `npm ci`); it is served by the web app and used by
`dl500 check` to prove every formula parses. Where Node or KaTeX is missing, formulas
get a structural check (balanced braces and environments) and a warning says so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

_CHECKER = Path(__file__).with_name("katex_check.cjs")


@lru_cache(maxsize=1)
def katex_dir() -> Path | None:
    """Return the `katex` package folder from npm, or None when it is not installed."""
    candidates = []
    if os.environ.get("DL500_KATEX_DIR"):
        candidates.append(Path(os.environ["DL500_KATEX_DIR"]))
    candidates.append(Path.cwd() / "node_modules" / "katex")
    candidates.append(Path(__file__).resolve().parents[3] / "node_modules" / "katex")
    return next((c for c in candidates if (c / "dist" / "katex.min.js").is_file()), None)


def check_formulas(formulas: list[tuple[str, bool]]) -> tuple[list[str | None], bool]:
    """Return one error message (or None) per (tex, is_display), and whether KaTeX ran."""
    unique = sorted(set(formulas))
    kdir, node = katex_dir(), shutil.which("node")
    if kdir is not None and node is not None and unique:
        proc = subprocess.run(
            [node, str(_CHECKER), str(kdir / "dist" / "katex.js")],
            input=json.dumps(unique),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if proc.returncode == 0:
            verdict = dict(zip(unique, json.loads(proc.stdout), strict=True))
            return [verdict[f] for f in formulas], True
    return [_structural(tex) for tex, _ in formulas], False


_ENV = re.compile(r"\\(begin|end)\{([^}]*)\}")


def _structural(tex: str) -> str | None:
    """A cheap stand-in for a TeX parser: braces and environments must balance."""
    depth = 0
    escaped = False
    for ch in tex:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return "unmatched '}'"
    if depth:
        return "unclosed '{'"
    stack: list[str] = []
    for kind, name in _ENV.findall(tex):
        if kind == "begin":
            stack.append(name)
        elif not stack or stack.pop() != name:
            return f"\\end{{{name}}} does not match its \\begin"
    return f"\\begin{{{stack[-1]}}} is never closed" if stack else None
