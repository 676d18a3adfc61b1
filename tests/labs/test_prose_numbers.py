"""Numbers quoted in an answer must agree with the lab the answer embeds.

For every answer with a ```lab fence, each number in its prose with four or more
significant digits is compared with the lab's computed facts. A number that equals no fact
(at the prose's precision) but is one digit away from one — a changed digit, or two
swapped neighbours, as in 60,965,244 for 60,965,224 or 0.1151 for 0.1150 — is a
disagreement. Numbers unlike every fact are not this test's business: they are other
quantities, and the lab's own tests assert the facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dl500.bank.labdata import read_output
from dl500.bank.loader import read_bank
from dl500.render.mathscan import scan_lab_fences

CONTENT = Path(__file__).parents[2] / "content"
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+\.\d+|(?<![\w.,])\d{4,}")
FENCE = re.compile(r"```.*?```", re.S)
MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.S)
YEAR = re.compile(r"(19|20)\d\d")


def _numbers(value: Any) -> Iterator[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from _numbers(v)


def _significant(text: str) -> int:
    return len(text.replace(",", "").replace(".", "").lstrip("0"))


def _matches(text: str, fact: float) -> bool:
    decimals = len(text.split(".")[1]) if "." in text else 0
    return round(fact, decimals) == float(text.replace(",", ""))


def _one_digit_off(text: str, fact: float) -> bool:
    decimals = len(text.split(".")[1]) if "." in text else 0
    ours = re.sub(r"\D", "", text)
    theirs = re.sub(r"\D", "", f"{fact:.{decimals}f}")
    if len(ours) != len(theirs) or ours == theirs:
        return False
    diff = [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and ours[diff[0]] == theirs[diff[1]]
    return len(diff) == 1 or (swapped and ours[diff[1]] == theirs[diff[0]])


def test_quoted_numbers_match_the_embedded_labs() -> None:
    bank, _ = read_bank(CONTENT)
    problems = []
    for q in bank.questions.values():
        for body in (q.zh, q.en):
            names = [name for _, name, _ in scan_lab_fences(body.answer)]
            facts = [
                f for n in names if (out := read_output(CONTENT, n)) for f in _numbers(out.facts)
            ]
            prose = MATH.sub("", FENCE.sub("", body.answer))  # formulas show working steps
            for m in NUMBER.finditer(prose):
                if _significant(m.group(0)) < 4 or YEAR.fullmatch(m.group(0)):
                    continue
                text = m.group(0)
                if any(_matches(text, f) for f in facts):
                    continue
                near = [f for f in facts if _one_digit_off(text, f)]
                if near:
                    problems.append(f"{q.path}: prose {text} vs lab {near[0]}")
    assert problems == []
