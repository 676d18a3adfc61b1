"""Markdown → HTML for answers: tables, highlighted code, math, `[[id]]` links, lab fences.

Math is not typeset here: it is emitted as escaped TeX inside `span.math` / `div.math`
elements, and KaTeX (served by the app, installed from npm) typesets it in the browser.
That keeps rendering pure Python and fast; the validator runs the same TeX through KaTeX
so a formula that would not render is caught before it ships.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

LinkResolver = Callable[[str], tuple[str, str] | None]
"""id → (href, label), or None when the id is unknown."""
LabRenderer = Callable[[str, str], str]
"""(lab name, arguments) → HTML."""

_FORMATTER = HtmlFormatter(nowrap=True)


@dataclass(frozen=True, slots=True)
class MathSpan:
    """A formula found in Markdown, with the 1-based source line it starts on."""

    line: int
    tex: str
    is_display: bool


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule for `[[chapter/stem]]`."""
    src, pos = state.src, state.pos
    if not src.startswith("[[", pos):
        return False
    end = src.find("]]", pos + 2)
    if end < 0 or "\n" in src[pos + 2 : end] or "[" in src[pos + 2 : end]:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"id": src[pos + 2 : end].strip()}
    state.pos = end + 2
    return True


def build_parser() -> MarkdownIt:
    """Return the one Markdown dialect used everywhere (render, validate, export)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    # allow_digits=True: with False, the plugin reads src[pos - 1] at pos 0, i.e. the *last*
    # character of the paragraph, and drops a formula that opens a line ending in a digit.
    md.use(dollarmath_plugin, allow_digits=True, double_inline=True)
    md.use(amsmath_plugin)
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    return md


_PARSER = build_parser()


class Renderer:
    """Render answer Markdown to HTML with the bank's links and the lab outputs."""

    def __init__(self, resolve_link: LinkResolver, render_lab: LabRenderer) -> None:
        self._md = build_parser()
        self._resolve_link = resolve_link
        self._render_lab = render_lab
        rules: dict[str, Any] = self._md.renderer.rules
        rules["math_inline"] = self._math_inline
        rules["math_inline_double"] = self._math_block
        rules["math_block"] = self._math_block
        rules["math_block_label"] = self._math_block
        rules["amsmath"] = self._amsmath
        rules["wikilink"] = self._wikilink
        rules["fence"] = self._fence
        rules["table_open"] = lambda *a: '<div class="table-wrap"><table>\n'
        rules["table_close"] = lambda *a: "</table></div>\n"

    def render(self, text: str) -> str:
        """Return HTML for a Markdown string."""
        return str(self._md.render(text))

    def render_inline(self, text: str) -> str:
        """Return HTML for one line (key points, titles) without a wrapping <p>."""
        return str(self._md.renderInline(text))

    @staticmethod
    def _math_inline(tokens: list[Token], idx: int, *_: Any) -> str:
        return f'<span class="math">{html.escape(tokens[idx].content)}</span>'

    @staticmethod
    def _math_block(tokens: list[Token], idx: int, *_: Any) -> str:
        return f'<div class="math display">{html.escape(tokens[idx].content.strip())}</div>\n'

    @staticmethod
    def _amsmath(tokens: list[Token], idx: int, *_: Any) -> str:
        return f'<div class="math display">{html.escape(tokens[idx].content.strip())}</div>\n'

    def _wikilink(self, tokens: list[Token], idx: int, *_: Any) -> str:
        qid = tokens[idx].meta["id"]
        found = self._resolve_link(qid)
        if found is None:
            return f'<span class="qlink missing">{html.escape(qid)}</span>'
        href, label = found
        return f'<a class="qlink" href="{html.escape(href)}">{html.escape(label)}</a>'

    def _fence(self, tokens: list[Token], idx: int, *_: Any) -> str:
        token = tokens[idx]
        info = token.info.strip()
        lang = info.split()[0] if info else ""
        if lang == "lab":
            name, _, args = token.content.strip().partition(" ")
            return self._render_lab(name.strip(), args.strip())
        return highlight_code(token.content, lang)


def highlight_code(code: str, lang: str) -> str:
    """Return a highlighted <pre> block; unknown languages are escaped plain text."""
    try:
        lexer = get_lexer_by_name(lang) if lang else None
    except ClassNotFound:
        lexer = None
    inner = highlight(code, lexer, _FORMATTER) if lexer else html.escape(code)
    cls = f' data-lang="{html.escape(lang)}"' if lang else ""
    return f'<pre class="code highlight"{cls}><code>{inner}</code></pre>\n'


def iter_math(text: str, first_line: int = 1) -> Iterator[MathSpan]:
    """Yield every formula in `text`, with the line it starts on."""
    tokens = _PARSER.parse(text)
    lines = text.splitlines()
    for token in tokens:
        if token.type in ("math_block", "math_block_label", "amsmath") and token.map:
            yield MathSpan(first_line + token.map[0], token.content.strip(), True)
        elif token.type == "inline" and token.children and token.map:
            for child in token.children:
                if child.type in ("math_inline", "math_inline_double"):
                    line = _find_line(lines, token.map, child.content)
                    yield MathSpan(
                        first_line + line, child.content, child.type == "math_inline_double"
                    )


def _find_line(lines: list[str], span: list[int], needle: str) -> int:
    head = needle.splitlines()[0] if needle else ""
    for i in range(span[0], min(span[1], len(lines))):
        if head and head in lines[i]:
            return i
    return span[0]


def iter_lab_fences(text: str, first_line: int = 1) -> Iterator[tuple[int, str, str]]:
    """Yield (line, lab name, arguments) for every ```lab fence."""
    for token in _PARSER.parse(text):
        if token.type == "fence" and token.info.strip().split()[:1] == ["lab"] and token.map:
            name, _, args = token.content.strip().partition(" ")
            yield first_line + token.map[0], name.strip(), args.strip()
