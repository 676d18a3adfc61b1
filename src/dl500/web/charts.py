"""Server-side SVG charts for the dashboard, written by hand (no plotting library).

Colours come from CSS (`currentColor` and the theme variables, via the classes styled in
practice.css), so one SVG reads in the light and the dark theme. Labels are written in
both languages as `.zh`/`.en` text, which the page's language switch shows or hides like
any other element. Every number is also in a `<title>` for screen readers and tooltips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

FONT = 11
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Bar:
    """One labelled value of a horizontal bar chart."""

    label_zh: str
    label_en: str
    value: float
    """0…1, drawn as a share of the track."""
    note: str
    """Shown after the bar, e.g. `12/30`."""


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="{FONT}" fill="currentColor">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, zh: str, en: str, anchor: str = "start", cls: str = "") -> str:
    """Return the label twice, one per language; identical labels are written once."""
    attrs = f'x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"'
    if zh == en:
        return f"<text {attrs}{_class(cls)}>{escape(zh)}</text>"
    return (
        f"<text {attrs}{_class('zh', cls)}>{escape(zh)}</text>"
        f"<text {attrs}{_class('en', cls)}>{escape(en)}</text>"
    )


def _class(*names: str) -> str:
    joined = " ".join(n for n in names if n)
    return f' class="{joined}"' if joined else ""


def _fit(label: str, max_chars: int) -> str:
    """Shorten a label to fit the label column (the full text stays in the `<title>`)."""
    return label if len(label) <= max_chars else label[: max_chars - 1] + "…"


def bars(rows: Sequence[Bar], label: str, width: int = 640) -> str:
    """Return a horizontal bar chart (mastery per chapter)."""
    label_w, note_w, row_h = 190, 70, 26
    track_w = width - label_w - note_w
    body = []
    for i, row in enumerate(rows):
        y = 8 + i * row_h
        share = max(0.0, min(1.0, row.value))
        body.append(
            _text(label_w - 8, y + 13, _fit(row.label_zh, 16), _fit(row.label_en, 30), "end")
        )
        body.append(
            f'<rect class="track" x="{label_w}" y="{y + 2}" width="{track_w}" height="14" rx="3">'
            f"<title>{escape(row.label_en)} / {escape(row.label_zh)}: {share:.0%}</title></rect>"
        )
        if share > 0:
            body.append(
                f'<rect class="bar" x="{label_w}" y="{y + 2}" width="{track_w * share:.1f}" '
                f'height="14" rx="3"/>'
            )
        body.append(_text(width - note_w + 6, y + 13, row.note, row.note, cls="muted"))
    return _svg(width, 16 + len(rows) * row_h, label, body)


def _level(count: int, top: int) -> int:
    """Return 0-4: 0 for no reviews, then quarters of the busiest day."""
    if count <= 0 or top <= 0:
        return 0
    return min(4, 1 + (4 * (count - 1)) // top)


def heatmap(days: Sequence[tuple[date, int]], label: str) -> str:
    """Return a calendar heatmap: one column per week (Monday on top), one cell per day."""
    if not days:
        return _svg(10, 10, label, [])
    cell, gap, left, top_pad = 13, 3, 26, 18
    first = days[0][0]
    offset = first.weekday()
    weeks = (offset + len(days) + 6) // 7
    top = max(c for _, c in days)
    body = [
        _text(0, top_pad + row * (cell + gap) + 9, zh, en, cls="muted")
        for row, zh, en in ((0, "一", "Mon"), (2, "三", "Wed"), (4, "五", "Fri"))
    ]
    for i, (day, count) in enumerate(days):
        col, row = divmod(offset + i, 7)
        x, y = left + col * (cell + gap), top_pad + row * (cell + gap)
        if row == 0 and day.day <= 7:  # the first full week of a month carries its name
            body.append(_text(x, 11, f"{day.month}月", _MONTHS_EN[day.month - 1], cls="muted"))
        noun = "review" if count == 1 else "reviews"
        body.append(
            f'<rect class="h{_level(count, top)}" x="{x}" y="{y}" width="{cell}" '
            f'height="{cell}" rx="2"><title>{day.isoformat()}: {count} {noun}</title></rect>'
        )
    width = left + weeks * (cell + gap)
    return _svg(width, top_pad + 7 * (cell + gap), label, body)


def _y(value: float, top: float, height: float) -> float:
    return top + height * (1 - value)


def line(points: Sequence[tuple[str, float | None]], label: str, target: float) -> str:
    """Return a line chart of shares (0…1) with a dashed target line; gaps stay gaps."""
    width, height, left, top, plot_h = 640, 200, 40, 10, 160
    step = (width - left - 10) / max(1, len(points) - 1)
    body = []
    for v in (0.0, 0.5, 1.0):
        y = _y(v, top, plot_h)
        body.append(f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{y}" y2="{y}"/>')
        body.append(_text(left - 6, y + 4, f"{v:.0%}", f"{v:.0%}", "end", "muted"))
    ty = _y(target, top, plot_h)
    body.append(
        f'<line class="target" x1="{left}" x2="{width - 10}" y1="{ty:.1f}" y2="{ty:.1f}">'
        f"<title>target {target:.0%}</title></line>"
    )
    body.extend(_polyline(points, left, step, top, plot_h))
    for i, (name, _v) in enumerate(points):
        if i % max(1, len(points) // 6) == 0:
            body.append(_text(left + i * step, height - 8, name, name, "middle", "muted"))
    return _svg(width, height, label, body)


def _polyline(
    points: Sequence[tuple[str, float | None]], left: float, step: float, top: float, h: float
) -> list[str]:
    out, run = [], []
    for i, (name, value) in enumerate(points):
        if value is None:
            run = _flush(out, run)
            continue
        x, y = left + i * step, _y(value, top, h)
        run.append(f"{x:.1f},{y:.1f}")
        out.append(
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3">'
            f"<title>{escape(name)}: {value:.0%}</title></circle>"
        )
    _flush(out, run)
    return out


def _flush(out: list[str], run: list[str]) -> list[str]:
    if len(run) > 1:
        out.insert(0, f'<polyline class="line" points="{" ".join(run)}"/>')
    return []


def columns(values: Sequence[int], label: str) -> str:
    """Return a column chart of counts per day (the due forecast; day 0 is today)."""
    width, height, left, top, plot_h = 640, 180, 34, 14, 130
    top_value = max([1, *values])
    col_w = (width - left - 10) / max(1, len(values))
    body = [
        _text(left - 6, top + 4, str(top_value), str(top_value), "end", "muted"),
        f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{top}" y2="{top}"/>',
        f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{top + plot_h}" '
        f'y2="{top + plot_h}"/>',
    ]
    for i, v in enumerate(values):
        h = plot_h * v / top_value
        x = left + i * col_w
        body.append(
            f'<rect class="bar" x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" '
            f'width="{max(1.0, col_w - 2):.1f}" height="{h:.1f}"><title>+{i}d: {v}</title></rect>'
        )
        if i % 5 == 0:
            zh, en = ("今天", "today") if i == 0 else (f"+{i}天", f"+{i}d")
            body.append(_text(x + col_w / 2, height - 18, zh, en, "middle", "muted"))
    return _svg(width, height, label, body)
