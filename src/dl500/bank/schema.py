"""Domain values of the handbook: frozen dataclasses that never change after loading.

Field docstrings (the string right after each field) are the reference documentation of
the content format; `docs/front-matter.md` is generated from them and a test keeps the two
in step.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NewType

from dl500.bank.lang import Lang, in_lang

QuestionId = NewType("QuestionId", str)
"""`<chapter slug>/<file stem>`, e.g. `cnn/receptive-field`. Permanent: stored in review history."""


@dataclass(frozen=True, slots=True)
class Localized:
    """A text in both languages; either may be empty while a translation is missing."""

    zh: str
    en: str

    def get(self, lang: Lang) -> str:
        """Return the text in `lang`, falling back to the other language when empty."""
        return in_lang(self.zh, self.en, lang)


@dataclass(frozen=True, slots=True)
class Body:
    """One language's half of a question: the key points and the Markdown answer."""

    key_points: tuple[str, ...]
    answer: str
    answer_line: int
    """1-based line in the file where the answer's Markdown starts (for error messages)."""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The YAML header of a question file."""

    title: Localized
    """`title: {zh: ..., en: ...}` — the question as an interviewer would ask it. Required."""
    level: int
    """1 basic · 2 intermediate · 3 advanced. Required."""
    tags: tuple[str, ...] = ()
    """Lowercase keywords used for filtering and search, e.g. `[convolution, padding]`."""
    related: tuple[QuestionId, ...] = ()
    """Ids of neighbouring questions shown under the answer; each must exist."""
    refs: tuple[str, ...] = ()
    """Citations for results: `Authors, "Title", venue, year` (quote an item that contains ': ')."""
    aliases: tuple[QuestionId, ...] = ()
    """Former ids of this question, kept so that review history survives a rename."""


@dataclass(frozen=True, slots=True)
class Question:
    """One interview question with its bilingual answer."""

    id: QuestionId
    chapter: int
    number: str
    """Display number `chapter.section.position`, e.g. `5.1.2`, from `_chapter.yaml` order."""
    meta: FrontMatter
    zh: Body
    en: Body
    path: str
    """Repo-relative path of the source file."""

    @property
    def title(self) -> Localized:
        return self.meta.title

    def body(self, lang: Lang) -> Body:
        """Return the half of the question written in `lang`."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, slots=True)
class Section:
    """An ordered group of questions inside a chapter."""

    number: str
    title: Localized
    question_ids: tuple[QuestionId, ...]


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter: its metadata from `_chapter.yaml` and its sections in reading order."""

    number: int
    slug: str
    title: Localized
    summary: Localized
    sections: tuple[Section, ...]
    path: str

    @property
    def question_ids(self) -> tuple[QuestionId, ...]:
        return tuple(qid for s in self.sections for qid in s.question_ids)


@dataclass(frozen=True, slots=True)
class Bank:
    """The whole handbook: chapters in order and every question by id."""

    chapters: tuple[Chapter, ...]
    questions: Mapping[QuestionId, Question]
    aliases: Mapping[QuestionId, QuestionId] = field(default_factory=dict)
    """Old id → current id."""
    order: tuple[QuestionId, ...] = field(init=False)
    """Every listed question id in reading order."""
    _position: Mapping[QuestionId, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        order = tuple(qid for c in self.chapters for qid in c.question_ids if qid in self.questions)
        object.__setattr__(self, "order", order)
        object.__setattr__(self, "_position", {qid: i for i, qid in enumerate(order)})

    def resolve(self, qid: str) -> Question | None:
        """Return the question for an id or one of its aliases, else None."""
        current = self.aliases.get(QuestionId(qid), QuestionId(qid))
        return self.questions.get(current)

    def chapter(self, number: int) -> Chapter | None:
        """Return the chapter with this number, else None."""
        return next((c for c in self.chapters if c.number == number), None)

    def ordered(self) -> Iterator[Question]:
        """Yield every question in reading order."""
        return (self.questions[qid] for qid in self.order)

    def neighbours(self, qid: QuestionId) -> tuple[Question | None, Question | None]:
        """Return the previous and next question in reading order."""
        i = self._position.get(qid)
        if i is None:
            return None, None
        prev = self.questions[self.order[i - 1]] if i > 0 else None
        nxt = self.questions[self.order[i + 1]] if i + 1 < len(self.order) else None
        return prev, nxt
