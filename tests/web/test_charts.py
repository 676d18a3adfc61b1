"""The hand-written SVG charts: well-formed, themed by CSS, labelled in both languages."""

from __future__ import annotations

from datetime import date, timedelta
from xml.etree import ElementTree

import pytest

from dl500.web import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("fill") == "currentColor"
    assert "#" not in svg  # no hard-coded colours: the theme decides
    return root


def test_bars() -> None:
    rows = [
        charts.Bar("1. 数学 <基础>", "1. Math", 0.5, "3/6"),
        charts.Bar("2. 乙", "2. B", 0, "0/1"),
    ]
    root = parse(charts.bars(rows, "Mastery"))
    assert len(root.findall(f"{SVG}rect[@class='bar']")) == 1  # an empty bar is not drawn
    labels = {t.text: t.get("class") for t in root.iter(f"{SVG}text")}
    assert labels["1. 数学 <基础>"] == "zh" and labels["1. Math"] == "en"
    assert float(root.find(f"{SVG}rect[@class='bar']").get("width")) == pytest.approx(190)


def test_heatmap_levels_and_layout() -> None:
    start = date(2026, 3, 2)  # a Monday
    days = [(start + timedelta(days=i), c) for i, c in enumerate([0, 1, 4, 8, 2, 0, 0, 3])]
    root = parse(charts.heatmap(days, "Reviews"))
    cells = root.findall(f"{SVG}rect")
    assert len(cells) == 8
    assert [c.get("class") for c in cells[:4]] == ["h0", "h1", "h2", "h4"]
    assert cells[7].get("x") != cells[0].get("x") and cells[7].get("y") == cells[0].get("y")
    assert cells[1].find(f"{SVG}title").text == "2026-03-03: 1 review"


def test_line_breaks_at_missing_weeks() -> None:
    points = [("a", 0.9), ("b", 0.8), ("c", None), ("d", 1.0), ("e", 0.95)]
    root = parse(charts.line(points, "Retention", 0.9))
    assert len(root.findall(f"{SVG}polyline")) == 2
    assert len(root.findall(f"{SVG}circle")) == 4


def test_columns() -> None:
    root = parse(charts.columns([3, 0, 1] + [0] * 27, "Forecast"))
    bars = root.findall(f"{SVG}rect[@class='bar']")
    assert len(bars) == 30 and float(bars[0].get("height")) == pytest.approx(130)
    assert "今天" in charts.columns([1], "x") and "today" in charts.columns([1], "x")


def test_empty_inputs() -> None:
    parse(charts.heatmap([], "none"))
    parse(charts.bars([], "none"))
    parse(charts.line([], "none", 0.9))
    parse(charts.columns([], "none"))
