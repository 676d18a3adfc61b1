"""Load `content/` into a `Bank`, collecting every problem on the way.

`read_bank` never raises on bad content: it returns the questions it could build and the
sorted list of problems. `load_bank` is the strict front door used by callers that need a
clean bank.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dl500.bank.frontmatter import parse_file
from dl500.bank.paths import default_content_root  # noqa: F401 (re-exported: web.app uses it)
from dl500.bank.schema import Bank, Chapter, Localized, Question, QuestionId, Section
from dl500.bank.validate import check_bodies, check_front_matter, find_links
from dl500.errors import ContentError, ContentInvalid, Severity

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

CHAPTER_DIR = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
STEM = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHAPTER_FILE = "_chapter.yaml"


@dataclass(frozen=True, slots=True)
class _SectionSpec:
    title: Localized
    stems: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class _ChapterSpec:
    number: int
    slug: str
    title: Localized
    summary: Localized
    sections: tuple[_SectionSpec, ...]
    path: str


def load_bank(root: Path | str) -> Bank:
    """Load the bank at `root`; raise ContentInvalid if it has errors (warnings pass)."""
    bank, problems = read_bank(root)
    errors = [p for p in problems if not p.is_warning]
    if errors:
        raise ContentInvalid(errors)
    return bank


def read_bank(root: Path | str) -> tuple[Bank, list[ContentError]]:
    """Read every chapter and question under `root`; return the bank and all problems."""
    root = Path(root)
    base = root.parent
    problems: list[ContentError] = []
    if not root.is_dir():
        problems.append(ContentError(str(root), 1, "content", "expected a content directory"))
        return Bank((), {}, {}), problems
    chapters: list[Chapter] = []
    questions: dict[QuestionId, Question] = {}
    meta_lines: dict[QuestionId, dict[str, int]] = {}
    existing: set[QuestionId] = set()  # every file, even broken ones: no cascading errors
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
    specs = [(f, spec) for f in folders if (spec := _read_chapter(f, base, problems))]
    for spec, (parsed, found) in zip(
        (s for _, s in specs), _map_folders([(f, base, s.slug) for f, s in specs]), strict=True
    ):
        problems.extend(found)
        existing.update(QuestionId(f"{spec.slug}/{stem}") for stem in parsed)
        chapter, built = _assemble(spec, parsed, problems)
        chapters.append(chapter)
        questions.update(built)
        meta_lines.update({q.id: parsed[q.id.split("/")[1]].meta_lines for q in built.values()})
    aliases = _check_ids(questions, problems)
    bank = Bank(tuple(chapters), questions, aliases)
    _check_links(bank, existing, meta_lines, problems)
    return bank, sorted(problems)


PARALLEL_MIN_FILES = 800
"""Below this many files, process start-up costs more than a second core saves."""


def _map_folders(
    jobs: list[tuple[Path, Path, str]],
) -> list[tuple[dict[str, _Parsed], list[ContentError]]]:
    """Parse chapter folders, on two processes when the bank is large."""
    count = sum(1 for folder, _, _ in jobs for _ in folder.glob("*.md"))
    workers = min(2, os.cpu_count() or 1)
    if count < PARALLEL_MIN_FILES or workers < 2:
        return [_read_folder(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_read_folder, jobs))


def _read_folder(job: tuple[Path, Path, str]) -> tuple[dict[str, _Parsed], list[ContentError]]:
    problems: list[ContentError] = []
    parsed = _read_questions(*job, problems)
    return parsed, problems


def _rel(path: Path, base: Path) -> str:
    return os.path.relpath(path, base).replace(os.sep, "/")


def _read_chapter(folder: Path, base: Path, problems: list[ContentError]) -> _ChapterSpec | None:
    m = CHAPTER_DIR.match(folder.name)
    path = _rel(folder / CHAPTER_FILE, base)
    if not m:
        problems.append(
            ContentError(
                _rel(folder, base),
                1,
                "folder",
                f"expected a name like '05-cnn', got {folder.name!r}",
            )
        )
        return None
    if not (folder / CHAPTER_FILE).is_file():
        problems.append(ContentError(path, 1, "chapter", f"missing {CHAPTER_FILE}; add one"))
        return None
    text = (folder / CHAPTER_FILE).read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(
            ContentError(
                path,
                mark.line + 1 if mark else 1,
                "yaml",
                f"invalid YAML: {getattr(exc, 'problem', exc)}",
            )
        )
        return None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        problems.append(ContentError(path, 1, "chapter", "expected a mapping"))
        return None
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return _chapter_spec(
        data, lines, _section_lines(node), path, int(m.group(1)), m.group(2), problems
    )


def _section_lines(node: yaml.MappingNode) -> list[int]:
    """1-based line of each section's `questions:` key (or of the item itself)."""
    for key, value in node.value:
        if key.value == "sections" and isinstance(value, yaml.SequenceNode):
            out = []
            for item in value.value:
                line = item.start_mark.line + 1
                if isinstance(item, yaml.MappingNode):
                    line = next(
                        (k.start_mark.line + 1 for k, _ in item.value if k.value == "questions"),
                        line,
                    )
                out.append(line)
            return out
    return []


def _chapter_spec(
    data: dict[str, Any],
    lines: dict[str, int],
    section_lines: list[int],
    path: str,
    number: int,
    slug: str,
    problems: list[ContentError],
) -> _ChapterSpec:
    def err(key: str, msg: str, line: int | None = None) -> None:
        problems.append(ContentError(path, line or lines.get(key, 1), key, msg))

    if data.get("number") != number:
        err("number", f"expected {number} (from the folder name), got {data.get('number')!r}")
    if data.get("slug") != slug:
        err("slug", f"expected {slug!r} (from the folder name), got {data.get('slug')!r}")
    title = _localized(data.get("title"), "title", lines, path, problems)
    summary = _localized(data.get("summary"), "summary", lines, path, problems)
    sections = []
    raw = data.get("sections") or []
    if not isinstance(raw, list):
        err("sections", f"expected a list of sections, got {type(raw).__name__}")
        raw = []
    for i, item in enumerate(raw):
        line = section_lines[i] if i < len(section_lines) else lines.get("sections", 1)
        if not isinstance(item, dict) or not isinstance(item.get("questions"), list):
            err("sections", f"section {i + 1}: expected {{title: ..., questions: [...]}}", line)
            continue
        stitle = _localized(item.get("title"), f"sections[{i}].title", lines, path, problems)
        stems = tuple(str(s) for s in item["questions"])
        sections.append(_SectionSpec(stitle, stems, line))
    return _ChapterSpec(number, slug, title, summary, tuple(sections), path)


def _localized(
    value: Any, key: str, lines: dict[str, int], path: str, problems: list[ContentError]
) -> Localized:
    line = lines.get(key.split("[", maxsplit=1)[0], 1)
    if not isinstance(value, dict) or not (value.get("zh") or value.get("en")):
        problems.append(
            ContentError(path, line, key, f"expected {{zh: ..., en: ...}}, got {value!r}")
        )
        return Localized("", "")
    zh, en = str(value.get("zh") or ""), str(value.get("en") or "")
    for lang, text in (("zh", zh), ("en", en)):
        if not text:
            problems.append(
                ContentError(path, line, f"{key}.{lang}", "missing translation", Severity.WARNING)
            )
    return Localized(zh, en)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What the bank keeps of a parsed file (small, so it crosses processes cheaply)."""

    path: str
    meta_lines: dict[str, int]
    question: Question | None


def _read_questions(
    folder: Path, base: Path, slug: str, problems: list[ContentError]
) -> dict[str, _Parsed]:
    out: dict[str, _Parsed] = {}
    for file in sorted(folder.glob("*.md")):
        path = _rel(file, base)
        if not STEM.match(file.stem):
            problems.append(
                ContentError(
                    path, 1, "file name", f"expected lowercase kebab-case, got {file.stem!r}"
                )
            )
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(ContentError(path, 1, "encoding", f"expected UTF-8 ({exc.reason})"))
            continue
        parsed = parse_file(path, text)
        meta = check_front_matter(parsed) if parsed.meta else None
        bodies = check_bodies(parsed) if parsed.blocks else None
        problems.extend(parsed.problems)
        question = None
        if meta is not None and bodies is not None:
            qid = QuestionId(f"{slug}/{file.stem}")
            question = Question(qid, 0, "", meta, bodies[0], bodies[1], path)
        out[file.stem] = _Parsed(path, parsed.meta_lines, question)
    return out


def _assemble(
    spec: _ChapterSpec,
    parsed: dict[str, _Parsed],
    problems: list[ContentError],
) -> tuple[Chapter, dict[QuestionId, Question]]:
    """Number the questions by their place in `_chapter.yaml` and check the listing."""
    built: dict[QuestionId, Question] = {}
    sections: list[Section] = []
    listed: set[str] = set()
    for s_index, section in enumerate(spec.sections, start=1):
        ids: list[QuestionId] = []
        for stem in section.stems:
            if stem in listed:
                problems.append(
                    ContentError(
                        spec.path, section.line, "sections", f"{stem!r} is listed twice; keep one"
                    )
                )
                continue
            listed.add(stem)
            if stem not in parsed:
                problems.append(
                    ContentError(
                        spec.path,
                        section.line,
                        "sections",
                        f"{stem!r} has no file {stem}.md; create it or remove it from the list",
                    )
                )
                continue
            question = parsed[stem].question
            if question is None:
                continue
            number = f"{spec.number}.{s_index}.{len(ids) + 1}"
            ids.append(question.id)
            built[question.id] = _renumber(question, spec.number, number)
        sections.append(Section(f"{spec.number}.{s_index}", section.title, tuple(ids)))
    for stem, pf in parsed.items():
        if stem not in listed:
            problems.append(
                ContentError(
                    pf.path, 1, "chapter", f"not listed in {spec.path}; add {stem!r} to a section"
                )
            )
    chapter = Chapter(spec.number, spec.slug, spec.title, spec.summary, tuple(sections), spec.path)
    return chapter, built


def _renumber(q: Question, chapter: int, number: str) -> Question:
    return Question(q.id, chapter, number, q.meta, q.zh, q.en, q.path)


def _check_ids(
    questions: dict[QuestionId, Question], problems: list[ContentError]
) -> dict[QuestionId, QuestionId]:
    aliases: dict[QuestionId, QuestionId] = {}
    for q in questions.values():
        for alias in q.meta.aliases:
            if alias in questions or alias in aliases:
                owner = aliases.get(alias, alias)
                problems.append(
                    ContentError(
                        q.path,
                        1,
                        "aliases",
                        f"{alias!r} is already the id of {owner}; ids are unique across the bank",
                    )
                )
            else:
                aliases[alias] = q.id
    return aliases


def _check_links(
    bank: Bank,
    existing: set[QuestionId],
    meta_lines: dict[QuestionId, dict[str, int]],
    problems: list[ContentError],
) -> None:
    for q in bank.questions.values():
        related_line = meta_lines.get(q.id, {}).get("related", 1)
        targets: list[tuple[int, str, str]] = [(related_line, r, "related") for r in q.meta.related]
        for body in (q.zh, q.en):
            targets += [(line, t, "link") for line, t in find_links(body, body.answer_line)]
        for line, target, fld in targets:
            if QuestionId(target) in existing and bank.resolve(target) is None:
                continue  # the target file exists but is broken; that file's error says why
            if bank.resolve(target) is None:
                problems.append(
                    ContentError(q.path, line, fld, f"unknown question id {target!r}; check the id")
                )
            elif bank.resolve(target) is q:
                problems.append(ContentError(q.path, line, fld, "a question cannot link to itself"))
