"""CLI commands through click's CliRunner, and the start-up import budget."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from dl500.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_check_clean(mini_root: Path) -> None:
    code, out = run("check", "--content", str(mini_root), "--strict")
    assert code == 0
    assert out.startswith("4 questions in 2 chapters; 0 errors, 0 warnings")


def test_check_reports_and_fails(bank_copy: Path, edit) -> None:
    edit("01-alpha/norms.md", "level: 2", "level: 5")
    code, out = run("check", "--content", str(bank_copy))
    assert code == 1
    assert "content/01-alpha/norms.md:5: level: expected 1-3, got 5" in out


def test_strict_turns_warnings_into_errors(bank_copy: Path, edit) -> None:
    edit(
        "02-beta/only.md",
        "  en: What is the gradient of cross-entropy with respect to the logits?\n",
        "",
    )
    assert run("check", "--content", str(bank_copy))[0] == 0
    code, out = run("check", "--content", str(bank_copy), "--strict")
    assert code == 1 and "warning: title.en: missing translation" in out


def test_list_and_chapter_filter(mini_root: Path) -> None:
    code, out = run("list", "--content", str(mini_root), "--chapter", "2", "--lang", "en")
    assert code == 0
    assert "2.1.1" in out and "alpha/" not in out
    code, out = run("list", "--content", str(mini_root), "--chapter", "7")
    assert code == 2 and "no chapter 7" in out


def test_show_in_both_languages(mini_root: Path) -> None:
    code, out = run("show", "--content", str(mini_root), "alpha/sigmoid-derivative")
    assert code == 0 and "sigmoid 的导数最大是多少" in out and "\\sigma" in out
    assert "「1.1.2 L1 范数和 L2 范数有什么区别？」" in out and "[[" not in out
    code, out = run("show", "--content", str(mini_root), "--lang", "en", "alpha/old-name")
    assert code == 0 and "A question that was renamed" in out


def test_show_unknown_id(mini_root: Path) -> None:
    code, out = run("show", "--content", str(mini_root), "alpha/missing")
    assert code == 1 and "no question 'alpha/missing'" in out


def test_content_stats(mini_root: Path) -> None:
    code, out = run("content-stats", "--content", str(mini_root))
    assert code == 0 and "alpha" in out and "100%" in out


def test_new_scaffolds_a_registered_file(bank_copy: Path) -> None:
    code, out = run("new", "--content", str(bank_copy), "beta/dilated-conv")
    assert code == 0, out
    assert (bank_copy / "02-beta" / "dilated-conv.md").is_file()
    assert "[only, dilated-conv]" in (bank_copy / "02-beta" / "_chapter.yaml").read_text()
    assert run("check", "--content", str(bank_copy))[0] == 0  # valid while being written
    code, out = run("check", "--content", str(bank_copy), "--strict")
    assert code == 1 and "scaffold text" in out  # but CI refuses to ship it


def test_new_refuses_bad_targets(bank_copy: Path) -> None:
    assert "expected CHAPTER/SLUG" in run("new", "--content", str(bank_copy), "Bad Name")[1]
    assert "no chapter with slug" in run("new", "--content", str(bank_copy), "zeta/x")[1]
    assert "already exists" in run("new", "--content", str(bank_copy), "beta/only")[1]


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from dl500.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'starlette', 'uvicorn', 'sqlalchemy', 'jinja2', "
        "'markdown_it', 'matplotlib') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout


def test_show_renders_lab_fences_as_tables() -> None:
    content = Path(__file__).parents[2] / "content"
    code, out = run("show", "--content", str(content), "--lang", "en", "classic-nets/lenet5-params")
    assert code == 0
    assert "122,304" in out and "```lab" not in out and "lenet5.param_table" not in out


def test_every_command_module_is_registered() -> None:
    import importlib

    import click

    from dl500.cli import COMMANDS

    found = {}
    for module in ("content", "labs", "practice", "search", "serve"):
        mod = importlib.import_module(f"dl500.cli.{module}")
        commands = [v for v in vars(mod).values() if isinstance(v, click.Command)]
        nested = {c for v in commands if isinstance(v, click.Group) for c in v.commands.values()}
        found.update(
            {
                c.name: f"{module}:{n}"
                for n, c in vars(mod).items()
                if isinstance(c, click.Command) and c not in nested
            }
        )
    assert found == COMMANDS
