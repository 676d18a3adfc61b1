"""Everything a request handler needs, built once at start-up.

Rendered question HTML is cached per (id, language): content does not change while the
server runs, so a page view costs a dictionary lookup, not a Markdown render.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from dl500.bank.schema import Bank, Lang, Question
from dl500.render.artifacts import lab_html
from dl500.render.markdown import Renderer
from dl500.search.query import SearchEngine
from dl500.store import Store


@dataclass(frozen=True, slots=True)
class RenderedQuestion:
    """A question's HTML in one language."""

    points: tuple[str, ...]
    answer: str


@dataclass
class AppContext:
    """Bank, store, search and render caches shared by all handlers."""

    bank: Bank
    store: Store
    content_root: Path
    search: SearchEngine
    problems: int = 0
    _rendered: dict[tuple[str, Lang], RenderedQuestion] = field(default_factory=dict)
    pages: dict[tuple[str, str], bytes] = field(default_factory=dict)
    """Whole question pages by (id, language); user data is fetched by the page's JS."""

    def rendered(self, q: Question, lang: Lang) -> RenderedQuestion:
        """Return the question's HTML in `lang`, rendering it on first use."""
        key = (q.id, lang)
        if key not in self._rendered:
            renderer = Renderer(
                partial(self.link_target, lang=lang),
                lambda name, _args: lab_html(self.content_root, name, lang),
            )
            body = q.body(lang)
            self._rendered[key] = RenderedQuestion(
                tuple(renderer.render_inline(p) for p in body.key_points),
                renderer.render(body.answer),
            )
        return self._rendered[key]

    def link_target(self, qid: str, lang: Lang = "zh") -> tuple[str, str] | None:
        """Resolve `[[id]]` to (href, 'number title')."""
        q = self.bank.resolve(qid)
        if q is None:
            return None
        return f"/q/{q.id}", f"{q.number} {q.title.get(lang)}"
