"""Matplotlib → SVG that reads in light and dark themes and diffs cleanly.

Every lab figure goes through `to_svg`: fixed hash salt and no date, so the same code
gives the same bytes; text kept as text (small, searchable); black replaced by
`currentColor` so axes and labels follow the page's text colour in either theme.
"""

from __future__ import annotations

import io
import re
from typing import Any

PALETTE = ("#d1495b", "#00798c", "#edae49", "#66a182", "#8d5a97", "#2e4057", "#f08a4b")
"""Series colours chosen to stay readable on both a light and a dark background."""


def new_figure(width_in: float = 6.4, height_in: float = 3.6, **kwargs: Any) -> tuple[Any, Any]:
    """Return (figure, axes) with the handbook's style applied."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.hashsalt": "dl500",
            "svg.fonttype": "none",
            "font.size": 10,
            "axes.prop_cycle": matplotlib.cycler(color=list(PALETTE)),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "figure.facecolor": "none",
            "axes.facecolor": "none",
            "savefig.facecolor": "none",
            "legend.frameon": False,
        }
    )
    return plt.subplots(figsize=(width_in, height_in), **kwargs)


_TEXT_NO_FILL = re.compile(r'(<text style=")(?![^"]*fill)')
_BLACK = re.compile(r"#000000|#000\b|\bblack\b", flags=re.IGNORECASE)


def to_svg(fig: Any) -> str:
    """Serialise a figure to SVG text and close it."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and doctype: it is inlined in HTML
    svg = _TEXT_NO_FILL.sub(r"\1fill: currentColor; ", svg)  # SVG text defaults to black
    return _BLACK.sub("currentColor", svg)
