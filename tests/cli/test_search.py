"""`dl500 ask` through click's CliRunner, and its cold-start imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dl500.cli import cli


def ask(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["ask", *args])
    return result.exit_code, result.stdout, result.stderr


def test_ask_prints_ranked_questions_with_snippets(mini_root: Path) -> None:
    code, out, _ = ask("--content", str(mini_root), "sigmoid 导数")
    assert code == 0
    first = out.splitlines()[0]
    assert (
        first.startswith(" 1. 1.1.1  sigmoid 的导数最大是多少？")
        and "[alpha/sigmoid-derivative]" in first
    )
    assert "导数为" in out.splitlines()[1]  # the snippet, marks turned into plain text here
    assert "<mark>" not in out


def test_ask_json(mini_root: Path) -> None:
    code, out, _ = ask("--content", str(mini_root), "--json", "--lang", "en", "L1 norm")
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["id"] == "alpha/norms"
    assert set(hits[0]) == {"id", "number", "title", "score", "snippet"}
    assert hits[0]["title"] == {
        "zh": "L1 范数和 L2 范数有什么区别？",
        "en": "How do the L1 and L2 norms differ?",
    }
    assert "<mark>L1</mark>" in hits[0]["snippet"] and isinstance(hits[0]["score"], float)


def test_ask_limit_and_words_without_quotes(mini_root: Path) -> None:
    code, out, _ = ask("--content", str(mini_root), "--json", "--limit", "1", "gradient", "logits")
    assert code == 0 and [h["id"] for h in json.loads(out)] == ["beta/only"]


@pytest.mark.parametrize("query", ["😀🔥", '"*:()-', "\x01\x02"])
def test_ask_without_matches_says_so(mini_root: Path, query: str) -> None:
    code, out, _ = ask("--content", str(mini_root), query)
    assert code == 0 and out.startswith("No question matched")
    code, out, _ = ask("--content", str(mini_root), "--json", query)
    assert code == 0 and json.loads(out) == []


def test_ask_rejects_empty_and_notes_long_queries(mini_root: Path) -> None:
    code, out, err = ask("--content", str(mini_root), "  ")
    assert code == 2 and "QUERY is empty" in err
    code, out, err = ask("--content", str(mini_root), "sigmoid " + "x" * 10_000)
    assert code == 0 and "only the first 200 characters" in err
    assert "alpha/sigmoid-derivative" in out
    code, _, err = ask("--content", str(mini_root / "nope"), "sigmoid")
    assert code == 1 and "no content folder" in err


def test_cold_ask_imports_no_web_stack_torch_or_markdown(mini_root: Path) -> None:
    assert ask("--content", str(mini_root), "warm up the index")[0] == 0
    code = (
        "import sys; from dl500.cli import cli\n"
        f"try:\n    cli(['ask', '--content', {str(mini_root)!r}, 'sigmoid'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'starlette', 'jinja2', 'sqlalchemy', 'markdown_it', "
        "'yaml', 'rjieba', 'opencc', 'numpy') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "alpha/sigmoid-derivative" in out.stdout
    assert "HEAVY []" in out.stdout
