"""The click-free `dl500 ask`: it parses plain calls exactly as click does, hands every
other call to click, and runs without importing click."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dl500.cli import cli
from dl500.cli.ask import AskRequest, parse_plain, terminal_snippet
from dl500.cli.search import ask_command

PLAIN = [
    ["BN和LN区别"],
    ["why", "does", "my", "loss", "go", "NaN"],
    ["--json", "dropout"],
    ["--lang", "en", "批归一化"],
    ["--lang=zh", "--limit=3", "attention"],
    ["gradient", "--limit", "100", "vanishing"],
    ["--content", "some/dir", "q"],
    ["--content=other", "--json", "--lang", "zh", "q"],
    ["--", "-1", "--json"],
    ["-"],
    ["--limit", " 7", "x"],
]
NOT_PLAIN = [
    [],
    ["  "],
    ["--help"],
    ["-h", "x"],
    ["--lang", "fr", "x"],
    ["--limit", "0", "x"],
    ["--limit", "101", "x"],
    ["--limit", "ten", "x"],
    ["--limit"],
    ["--bogus", "x"],
    ["--json=1", "x"],
    ["-1"],
    ["--lang", "zh", "--lang", "en", "x"],
]


def clicks_request(args: list[str]) -> AskRequest:
    # The help option names a real call uses: click caches the option of the first context.
    names = cli.context_settings["help_option_names"]
    params = ask_command.make_context("ask", list(args), help_option_names=names).params
    query = " ".join(params["query"])
    return AskRequest(
        query, params["content_root"], params["lang"], params["limit"], params["as_json"]
    )


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_plain_calls_parse_as_click_parses_them(args: list[str]) -> None:
    assert parse_plain(args) == clicks_request(args)


@pytest.mark.parametrize("args", NOT_PLAIN, ids=" ".join)
def test_everything_else_is_left_to_click(args: list[str]) -> None:
    assert parse_plain(args) is None


def test_a_file_given_as_content_is_left_to_click(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", "utf-8")
    assert parse_plain(["--content", str(a_file), "q"]) is None


def test_marks_become_colour_only_when_asked() -> None:
    snippet = "a <mark>b&amp;c</mark> d"
    assert terminal_snippet(snippet, colour=False) == "a b&c d"
    assert terminal_snippet(snippet, colour=True) == "a \x1b[1;33mb&c\x1b[0m d"


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\nfrom dl500.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit as e:\n    status = e.code\n"
        "print('CLICK', 'click' in sys.modules, 'STATUS', status, file=sys.stderr)\n"
        "print('STEMMER', 'snowballstemmer' in sys.modules, file=sys.stderr)"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def test_the_script_answers_without_importing_click(mini_root: Path) -> None:
    run_main("ask", "--content", str(mini_root), "warm up the index")  # builds it if needed
    done = run_main("ask", "--content", str(mini_root), "--json", "sigmoid")
    assert json.loads(done.stdout)[0]["id"] == "alpha/sigmoid-derivative"
    assert "CLICK False STATUS 0" in done.stderr
    assert "STEMMER False" in done.stderr  # the bank's own words have stored stems
    done = run_main("ask", "--content", str(mini_root / "missing"), "sigmoid")
    assert "no content folder" in done.stderr and "STATUS 1" in done.stderr


def test_the_script_hands_help_and_errors_to_click(mini_root: Path) -> None:
    done = run_main("ask", "--help")
    assert "Find the questions that answer QUERY" in done.stdout and "CLICK True" in done.stderr
    done = run_main("ask", "--content", str(mini_root), "--limit", "0", "x")
    assert "STATUS 2" in done.stderr and "--limit" in done.stderr
