"""One test per content rule: a broken copy of the mini bank and the exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from dl500.bank.loader import read_bank
from dl500.check import check_content

SIG = "01-alpha/sigmoid-derivative.md"
P = "content/01-alpha/sigmoid-derivative.md"


def messages(root: Path) -> list[str]:
    _, problems = check_content(root)
    return [str(p) for p in problems]


def test_mini_bank_is_clean(mini_root: Path) -> None:
    bank, problems = check_content(mini_root)
    assert problems == []
    assert len(bank.questions) == 4


def test_level_out_of_range(bank_copy: Path, edit) -> None:
    edit(SIG, "level: 1", "level: 7")
    assert messages(bank_copy) == [f"{P}:5: level: expected 1-3, got 7"]


def test_missing_title_language_is_a_warning(bank_copy: Path, edit) -> None:
    edit(SIG, "  en: What is the largest value of the sigmoid's derivative?\n", "")
    _, problems = check_content(bank_copy)
    assert [str(p) for p in problems] == [
        f"{P}:2: title.en: missing translation; add the title in this language"
    ]
    assert problems[0].is_warning


def test_invalid_yaml_reports_its_line(bank_copy: Path, edit) -> None:
    edit(SIG, "tags: [activation, sigmoid]", "tags: [activation, sigmoid")
    assert messages(bank_copy)[0].startswith(f"{P}:7: front matter: invalid YAML")


def test_reference_with_colon_is_explained(bank_copy: Path, edit) -> None:
    edit(
        SIG,
        "  - 'Goodfellow, Bengio & Courville, \"Deep Learning\", MIT Press, 2016'",
        '  - Ng, "Book: a subtitle", 2020',
    )
    assert messages(bank_copy) == [
        f"{P}:8: refs: item 1 contains ': ', so YAML read it as a mapping; "
        "wrap the whole item in single quotes"
    ]


def test_unknown_field(bank_copy: Path, edit) -> None:
    edit(SIG, "level: 1", "level: 1\ntag: [x]")
    assert messages(bank_copy) == [
        f"{P}:6: tag: unknown field; expected one of title, level, tags, related, refs, aliases"
    ]


def test_missing_heading(bank_copy: Path, edit) -> None:
    edit(SIG, "## 解答\n", "")
    assert f"{P}:34: heading: missing '## 解答'; add it (see content-format.md)" in messages(
        bank_copy
    )


def test_heading_out_of_order(bank_copy: Path, edit) -> None:
    edit(SIG, "# English\n\n## Key points", "# English\n\n## Answer\n\nx\n\n## Key points")
    found = messages(bank_copy)
    assert f"{P}:13: heading: '## Answer' appears twice; keep one" not in found
    assert any(
        "expected the order 中文 / 要点 / 解答 / English / Key points / Answer" in m for m in found
    )


def test_unexpected_heading(bank_copy: Path, edit) -> None:
    edit(SIG, "参见 [[alpha/norms]]。", "## 小结\n\n参见 [[alpha/norms]]。")
    assert (
        f"{P}:27: heading: unexpected '## 小结'; use '###' or deeper for your own subheadings"
        in messages(bank_copy)
    )


def test_key_point_counts_must_match(bank_copy: Path, edit) -> None:
    edit(SIG, "- It peaks at $z=0$ with value 0.25\n", "")
    assert messages(bank_copy) == [
        f"{P}:37: Key points: expected 2-6 bullets, got 1",
        f"{P}:37: Key points: expected the same number of bullets as 要点 (2), got 1",
    ]


def test_placeholder(bank_copy: Path, edit) -> None:
    edit(SIG, "参见 [[alpha/norms]]。", "待补充")
    assert messages(bank_copy) == [
        f"{P}:27: 解答: placeholder '待补充'; write the content or remove the line"
    ]


def test_empty_answer(bank_copy: Path, edit) -> None:
    edit(
        "02-beta/only.md",
        "With $p=\\operatorname{softmax}(z)$, we get $\\partial L/\\partial z = p - y$.",
        "",
    )
    assert messages(bank_copy) == [
        "content/02-beta/only.md:27: Answer: empty answer; write the answer under this heading"
    ]


def test_unknown_link(bank_copy: Path, edit) -> None:
    edit(SIG, "参见 [[alpha/norms]]。", "参见 [[alpha/nope]]。")
    assert messages(bank_copy) == [f"{P}:27: link: unknown question id 'alpha/nope'; check the id"]


def test_unknown_related(bank_copy: Path, edit) -> None:
    edit(SIG, "related: [alpha/norms]", "related: [alpha/gone]")
    assert messages(bank_copy) == [
        f"{P}:7: related: unknown question id 'alpha/gone'; check the id"
    ]


def test_self_reference(bank_copy: Path, edit) -> None:
    edit(SIG, "related: [alpha/norms]", "related: [alpha/sigmoid-derivative]")
    assert messages(bank_copy) == [f"{P}:7: related: a question cannot link to itself"]


def test_alias_resolves_links(bank_copy: Path, edit) -> None:
    edit(SIG, "related: [alpha/norms]", "related: [alpha/old-name]")
    assert messages(bank_copy) == []


def test_alias_must_be_unique(bank_copy: Path, edit) -> None:
    edit("01-alpha/linked.md", "aliases: [alpha/old-name]", "aliases: [alpha/norms]")
    assert messages(bank_copy) == [
        "content/01-alpha/linked.md:1: aliases: 'alpha/norms' is already the id of alpha/norms; "
        "ids are unique across the bank"
    ]


def test_bad_math(bank_copy: Path, edit) -> None:
    edit(SIG, "\\max_z \\sigma'(z) = \\tfrac14\n$$\n\n参见", "\\frac{1}{2\n$$\n\n参见")
    found = messages(bank_copy)
    assert len(found) == 1
    assert found[0].startswith(f"{P}:23: math: does not parse: ")


def test_unknown_lab(bank_copy: Path, edit) -> None:
    edit(SIG, "参见 [[alpha/norms]]。", "```lab\nno.such_lab\n```")
    assert messages(bank_copy) == [f"{P}:27: lab: unknown lab 'no.such_lab'; see `dl500 labs list`"]


def test_file_not_listed(bank_copy: Path) -> None:
    (bank_copy / "01-alpha" / "extra.md").write_text(
        (bank_copy / "02-beta" / "only.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert messages(bank_copy) == [
        "content/01-alpha/extra.md:1: chapter: not listed in content/01-alpha/_chapter.yaml; "
        "add 'extra' to a section"
    ]


def test_listed_file_missing(bank_copy: Path, edit) -> None:
    edit("01-alpha/_chapter.yaml", "[linked]", "[linked, ghost]")
    assert messages(bank_copy) == [
        "content/01-alpha/_chapter.yaml:9: sections: 'ghost' has no file ghost.md; "
        "create it or remove it from the list"
    ]


def test_listed_twice(bank_copy: Path, edit) -> None:
    edit("01-alpha/_chapter.yaml", "[linked]", "[linked, norms]")
    assert messages(bank_copy) == [
        "content/01-alpha/_chapter.yaml:9: sections: 'norms' is listed twice; keep one"
    ]


def test_chapter_number_must_match_folder(bank_copy: Path, edit) -> None:
    edit("02-beta/_chapter.yaml", "number: 2", "number: 3")
    assert messages(bank_copy) == [
        "content/02-beta/_chapter.yaml:1: number: expected 2 (from the folder name), got 3"
    ]


def test_errors_are_sorted_and_all_reported(bank_copy: Path, edit) -> None:
    edit(SIG, "level: 1", "level: 0")
    edit("02-beta/only.md", "level: 2", "level: 9")
    found = messages(bank_copy)
    assert found == sorted(found) and len(found) == 2


def test_numbers_follow_chapter_order(mini_root: Path) -> None:
    bank, _ = read_bank(mini_root)
    assert [q.number for q in bank.ordered()] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1"]
    assert bank.resolve("alpha/old-name").id == "alpha/linked"


@pytest.mark.parametrize("name", ["Bad_Name.md", "UPPER.md"])
def test_file_names_are_kebab_case(bank_copy: Path, name: str) -> None:
    (bank_copy / "01-alpha" / name).write_text("x", encoding="utf-8")
    stem = name[:-3]
    assert messages(bank_copy) == [
        f"content/01-alpha/{name}:1: file name: expected lowercase kebab-case, got {stem!r}"
    ]
