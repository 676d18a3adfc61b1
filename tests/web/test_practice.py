"""Practice pages and API through the in-process client, including every 4xx path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from dl500.web.app import create_app

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(mini_root: Path, tmp_path: Path, clock: Clock) -> Iterator[TestClient]:
    app = create_app(mini_root, f"sqlite:///{tmp_path / 'p.sqlite3'}")
    app.state.clock = clock
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def rate(client: TestClient, qid: str, rating: int, sid: str, seq: int | None = None) -> Any:
    if seq is None:
        seq = client.get(f"/api/practice/cards/{qid}").json()["seq"]
    body = {"question_id": qid, "rating": rating, "seq": seq, "submission_id": sid}
    return client.post("/api/practice/reviews", json=body)


@pytest.mark.parametrize(
    "url",
    [
        "/practice",
        "/dashboard",
        "/interview",
        "/practice?chapter=2&level=2&tag=softmax&bookmarked=1",
    ],
)
def test_pages_render(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200 and "Traceback" not in r.text
    assert '<script defer src="/static/practice.js"></script>' in r.text
    assert 'href="/practice"' in r.text  # the nav link


def test_practice_page_shows_the_card_front_and_back_in_both_languages(client: TestClient) -> None:
    html = client.get("/practice").text
    assert 'data-qid="alpha/sigmoid-derivative" data-seq="0"' in html
    assert '<div id="back" class="back" hidden>' in html
    assert '<div class="zh body"' in html and '<div class="en body"' in html
    assert 'class="math display"' in html  # typeset by app.js like on question pages
    assert '<b>0</b> <span class="zh" lang="zh-CN">到期</span>' in html
    assert "<b>4</b>" in html and "<small>8d</small>" in html
    assert 'id="undo"' not in html


def test_rating_moves_the_queue_and_offers_undo(client: TestClient) -> None:
    r = rate(client, "alpha/sigmoid-derivative", 4, "first-rating")
    assert r.status_code == 200 and r.json()["card"]["phase"] == "review"
    html = client.get("/practice").text
    assert 'data-qid="alpha/norms"' in html and 'data-review="1"' in html
    r = client.post("/api/practice/undo", json={"review_id": 1})
    assert r.status_code == 200 and r.json()["card"]["phase"] == "new"
    assert 'data-qid="alpha/linked"' in client.get("/practice?card=alpha/linked").text


def test_queue_api_counts_and_filters(client: TestClient, clock: Clock) -> None:
    q = client.get("/api/practice/queue").json()
    assert q["counts"] == {"due": 0, "new": 4, "new_total": 4, "new_today": 0, "learning_ahead": 0}
    assert q["next"]["id"] == "alpha/sigmoid-derivative" and len(q["next"]["buttons"]) == 4
    assert client.get("/api/practice/queue?chapter=2").json()["next"]["id"] == "beta/only"
    assert client.get("/api/practice/queue?tag=none").json()["next"] is None
    rate(client, "beta/only", 4, "rate-beta-only")
    clock.now = T0 + timedelta(days=30)
    q = client.get("/api/practice/queue").json()
    assert q["counts"]["due"] == 1 and q["next"]["id"] == "beta/only"


def test_new_per_day_limit(client: TestClient) -> None:
    assert client.put("/api/practice/settings", json={"new_per_day": 1}).json()["new_per_day"] == 1
    rate(client, "alpha/norms", 3, "limit-test-1")
    q = client.get("/api/practice/queue").json()
    assert q["counts"]["new"] == 0 and q["counts"]["new_today"] == 1
    assert q["next"]["id"] == "alpha/norms" and q["counts"]["learning_ahead"] == 1
    client.put("/api/practice/settings", json={"new_per_day": 0})
    rate(client, "alpha/norms", 4, "limit-test-2")
    assert "今天的新卡额度已用完" in client.get("/practice").text


def test_replay_and_out_of_order(client: TestClient) -> None:
    first = rate(client, "alpha/norms", 3, "replayed-id", seq=0)
    again = rate(client, "alpha/norms", 3, "replayed-id", seq=0)
    assert again.status_code == 200 and again.json()["replayed"] is True
    assert again.json()["review_id"] == first.json()["review_id"]
    stale = rate(client, "alpha/norms", 3, "stale-rating", seq=0)
    assert stale.status_code == 409 and "version 1" in stale.json()["error"]
    reused = rate(client, "alpha/norms", 1, "replayed-id", seq=1)
    assert reused.status_code == 409
    history = client.get("/api/practice/reviews").json()["reviews"]
    assert [h["submission_id"] for h in history] == ["replayed-id"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"question_id": "alpha/norms", "rating": 5, "seq": 0, "submission_id": "abcdefgh"}, 400),
        (
            {"question_id": "alpha/norms", "rating": True, "seq": 0, "submission_id": "abcdefgh"},
            400,
        ),
        ({"question_id": "alpha/norms", "rating": "3", "seq": 0, "submission_id": "abcdefgh"}, 400),
        ({"question_id": "alpha/norms", "rating": 3, "submission_id": "abcdefgh"}, 400),
        ({"question_id": "alpha/norms", "rating": 3, "seq": -1, "submission_id": "abcdefgh"}, 400),
        ({"question_id": "alpha/norms", "rating": 3, "seq": 0, "submission_id": "x"}, 400),
        ({"question_id": "alpha/norms", "rating": 3, "seq": 0}, 400),
        ({"question_id": "alpha/nope", "rating": 3, "seq": 0, "submission_id": "abcdefgh"}, 404),
        ({"question_id": 7, "rating": 3, "seq": 0, "submission_id": "abcdefgh"}, 400),
        ({"question_id": "alpha/norms", "rating": 3, "seq": 4, "submission_id": "abcdefgh"}, 409),
    ],
)
def test_bad_ratings(client: TestClient, body: dict[str, Any], status: int) -> None:
    r = client.post("/api/practice/reviews", json=body)
    assert r.status_code == status and "error" in r.json()
    assert client.get("/api/practice/reviews").json()["reviews"] == []


@pytest.mark.parametrize(
    ("method", "url", "payload", "status"),
    [
        ("POST", "/api/practice/reviews", b"{not json", 400),
        ("POST", "/api/practice/reviews", b"[1]", 400),
        ("POST", "/api/practice/undo", b"{}", 404),
        ("POST", "/api/practice/undo", b'{"review_id": 42}', 404),
        ("POST", "/api/practice/undo", b'{"review_id": "1"}', 400),
        ("PUT", "/api/practice/settings", b'{"new_per_day": -1}', 400),
        ("PUT", "/api/practice/settings", b'{"new_per_day": "5"}', 400),
        ("PUT", "/api/practice/settings", b'{"colour": 1}', 400),
        ("GET", "/api/practice/cards/alpha/nope", None, 404),
        ("GET", "/api/practice/queue?chapter=x", None, 400),
        ("GET", "/api/practice/queue?level=7", None, 400),
        ("GET", "/api/practice/reviews?limit=0", None, 400),
        ("GET", "/api/practice/reviews?before=x", None, 400),
        ("POST", "/api/practice/import", b'{"format": "dl500-progress", "version": 2', 400),
        ("POST", "/api/interviews", b'{"length": 7}', 400),
        ("POST", "/api/interviews", b'{"seconds_per_question": 1}', 400),
        ("POST", "/api/interviews", b'{"chapters": "1"}', 400),
        ("POST", "/api/interviews", b'{"tags": ["none-such"]}', 400),
        ("GET", "/api/interviews/9", None, 404),
        ("POST", "/api/interviews/9/answers", b'{"position": 0, "submission_id": "abcdefgh"}', 404),
        ("POST", "/api/interviews/9/finish", b"{}", 404),
        ("DELETE", "/api/practice/reviews", None, 405),
    ],
)
def test_api_errors_are_json_4xx(
    client: TestClient, method: str, url: str, payload: bytes | None, status: int
) -> None:
    r = client.request(method, url, content=payload)
    assert r.status_code == status
    if status != 405:
        assert "error" in r.json()


@pytest.mark.parametrize("url", ["/interview/9", "/interview/9/report", "/interview/abc"])
def test_unknown_interview_pages_are_404(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 404


def test_cross_origin_writes_are_refused(client: TestClient) -> None:
    evil = {"origin": "http://evil.example"}
    body = {"question_id": "alpha/norms", "rating": 3, "seq": 0, "submission_id": "abcdefgh"}
    assert client.post("/api/practice/reviews", json=body, headers=evil).status_code == 403
    assert client.post("/api/practice/import", content=b"{}", headers=evil).status_code == 403
    assert client.post("/api/interviews", json={}, headers=evil).status_code == 403


def test_settings_and_stats(client: TestClient) -> None:
    assert client.get("/api/practice/settings").json() == {"new_per_day": 20, "utc_offset_min": 0}
    r = client.put("/api/practice/settings", json={"utc_offset_min": 480})
    assert r.json() == {"new_per_day": 20, "utc_offset_min": 480}
    rate(client, "alpha/norms", 4, "stats-rating")
    stats = client.get("/api/practice/stats").json()
    assert stats["reviews_today"] == 1 and stats["streak_days"] == 1 and stats["seen"] == 1
    assert len(stats["forecast_30d"]) == 30 and stats["chapters"][0]["total"] == 3


def test_export_import_round_trip(client: TestClient) -> None:
    rate(client, "alpha/norms", 4, "export-rating")
    r = client.get("/api/practice/export")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    doc = r.json()
    assert doc["counts"]["reviews"] == 1
    assert client.post("/api/practice/import", content=json.dumps(doc)).status_code == 409
    r = client.post("/api/practice/import?replace=1", content=json.dumps(doc))
    assert r.status_code == 200 and r.json() == {"cards": 1, "reviews": 1, "interviews": 0}
    future = json.dumps({**doc, "version": doc["version"] + 1})
    r = client.post("/api/practice/import?replace=1", content=future)
    assert r.status_code == 400 and "upgrade dl500" in r.json()["error"]


def test_mock_interview_flow(client: TestClient) -> None:
    r = client.post(
        "/api/interviews", json={"length": 5, "seconds_per_question": 60, "chapters": [1]}
    )
    assert r.status_code == 201
    started = r.json()
    iid, ids = started["id"], started["question_ids"]
    assert len(ids) == 3 and started["url"] == f"/interview/{iid}"
    page = client.get(f"/interview/{iid}").text
    assert 'id="answer"' in page and 'class="zh checklist"' in page and 'data-seconds="60"' in page

    def answer(pos: int, covered: list[int], sid: str, elapsed: int = 30) -> Any:
        body = {
            "position": pos,
            "submission_id": sid,
            "answer": "…",
            "covered": covered,
            "lang": "en",
            "elapsed_s": elapsed,
        }
        return client.post(f"/api/interviews/{iid}/answers", json=body)

    def all_points(qid: str) -> list[int]:
        body = client.get(f"/api/questions/{qid}").json()
        return list(range(len(body["markdown"]["en"]["key_points"])))

    r = answer(0, all_points(ids[0]), "iv-answer-0")
    assert r.status_code == 200 and r.json()["finished"] is False and r.json()["rating"] == 4
    assert answer(0, all_points(ids[0]), "iv-answer-0").json() == r.json()  # replay
    assert answer(0, [0], "iv-other-0").status_code == 409
    assert answer(2, [0], "iv-answer-2").status_code == 409  # out of order
    assert answer(1, [9], "iv-answer-1").status_code == 400  # no such key point
    assert answer(5, [0], "iv-answer-5").status_code == 400
    assert answer(1, [], "iv-answer-1", elapsed=500).json()["rating"] == 1
    assert answer(2, all_points(ids[2]), "iv-answer-2", elapsed=50).json()["finished"] is True
    r = client.get(f"/interview/{iid}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/interview/{iid}/report"
    report = client.get(f"/interview/{iid}/report").text
    assert "<svg" in report and "What to review next" in report
    detail = client.get(f"/api/interviews/{iid}").json()
    assert detail["finished"] and detail["report"]["answered"] == 3
    assert detail["report"]["review_next"] == [ids[1]]
    assert [i["id"] for i in client.get("/api/interviews").json()] == [iid]
    assert "/interview/1/report" in client.get("/interview").text
    assert len(client.get("/api/practice/reviews").json()["reviews"]) == 3


def test_finish_early(client: TestClient) -> None:
    iid = client.post("/api/interviews", json={"length": 5}).json()["id"]
    r = client.post(f"/api/interviews/{iid}/finish", json={})
    assert r.status_code == 200 and r.json()["finished"] is True
    assert client.get(f"/interview/{iid}/report").status_code == 200


def test_dashboard_has_the_four_charts(client: TestClient, clock: Clock) -> None:
    for day in range(3):
        clock.now = T0 + timedelta(days=day * 9)
        qid = "alpha/norms"
        rate(client, qid, 3, f"dash-rating-{day}")
    html = client.get("/dashboard").text
    assert html.count('<svg class="chart"') == 4
    assert 'class="stat"><b>1</b>' in html  # the streak
    assert "currentColor" in html
