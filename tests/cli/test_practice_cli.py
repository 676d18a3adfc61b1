"""`dl500 quiz` with piped input, and `dl500 progress` summary, export and import."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dl500.cli import cli
from dl500.store.transfer import VERSION


def run(*args: str, stdin: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.output


def quiz(mini_root: Path, db: str, stdin: str, *extra: str) -> tuple[int, str]:
    return run("quiz", "--content", str(mini_root), "--db", db, "--lang", "en", *extra, stdin=stdin)


def test_quiz_reads_lines_when_stdin_is_not_a_terminal(mini_root: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    # reveal, rate Good; reveal, a wrong key, then Easy; reveal, undo; reveal the undone card, Again
    code, out = quiz(mini_root, db, "\n3\n\nx\n4\n\nu\n\n1\nq\n", "--count", "5")
    assert code == 0, out
    assert "What is the largest value of the sigmoid's derivative?" in out
    assert "The derivative is" in out  # the back: key points, then the answer
    assert "1 Again (1m)  2 Hard (6m)  3 Good (10m)  4 Easy (8d)" in out
    assert "Type 1, 2, 3 or 4" in out
    assert "Undone: alpha/norms" in out
    assert out.rstrip().endswith("Rated 2 cards: again 1, good 1.")
    code, out = run("progress", "--content", str(mini_root), "--db", db, "--lang", "en")
    assert code == 0 and "Reviews 2 total, 2 today" in out and "streak 1 day" in out
    assert "1. Test chapter alpha" in out


def test_quiz_chapter_count_and_end_of_input(mini_root: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    code, out = quiz(mini_root, db, "\n4\n", "--chapter", "2", "--count", "3")
    assert code == 0 and "2.1.1" in out and "1.1.1" not in out
    assert "Nothing more is due" in out and "Rated 1 card: easy 1." in out
    code, out = quiz(mini_root, db, "", "--count", "2")  # EOF at once: nothing rated
    assert code == 0 and "Rated 0 cards." in out
    code, out = quiz(mini_root, db, "", "--chapter", "9")
    assert code == 2 and "no chapter 9" in out


def test_progress_export_import_round_trip(mini_root: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    quiz(mini_root, db, "\n3\n\n4\nq\n")
    backup = tmp_path / "backup.json"
    code, out = run("progress", "export", str(backup), "--db", db)
    assert code == 0 and "Exported 2 reviews of 2 cards" in out
    doc = json.loads(backup.read_text(encoding="utf-8"))
    assert doc["format"] == "dl500-progress" and doc["version"] == VERSION
    other = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    code, out = run("progress", "import", str(backup), "--db", other)
    assert code == 0 and "Imported 2 reviews of 2 cards, 0 interviews" in out
    code, out = run("progress", "import", str(backup), "--db", other)
    assert code == 1 and "already has 2 reviews" in out and "--replace" in out
    assert run("progress", "import", str(backup), "--db", other, "--replace")[0] == 0
    code, out = run("progress", "export", "-", "--db", other)
    assert code == 0 and json.loads(out)["counts"]["reviews"] == 2


def test_progress_import_refuses_bad_files(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    truncated = tmp_path / "truncated.json"
    truncated.write_text('{"format": "dl500-progress", "version": 1, "cards": [', encoding="utf-8")
    code, out = run("progress", "import", str(truncated), "--db", db)
    assert code == 1 and "not valid JSON" in out and "truncated" in out
    future = tmp_path / "future.json"
    future.write_text(f'{{"format": "dl500-progress", "version": {VERSION + 1}}}', "utf-8")
    code, out = run("progress", "import", str(future), "--db", db)
    assert code == 1 and f"version {VERSION + 1}, newer than this dl500 reads ({VERSION})" in out
    code, out = run("progress", "import", str(tmp_path / "missing.json"), "--db", db)
    assert code == 2 and "does not exist" in out
