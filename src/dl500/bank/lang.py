"""The two languages of the handbook, apart from the schema.

Kept free of dataclasses so that `dl500 ask`, whose hits carry bilingual titles, can
use it without paying for the schema's imports (see `dl500.search.query`).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def in_lang(zh: str, en: str, lang: Lang) -> str:
    """Return the text in `lang`, falling back to the other language when it is empty."""
    primary, other = (zh, en) if lang == "zh" else (en, zh)
    return primary or other
