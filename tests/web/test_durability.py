"""Acknowledged ratings survive SIGKILL: concurrent clients against a real `dl500 serve`.

24 client threads rate cards over HTTP (each with its own keep-alive connection, some on
shared cards so stale versions are refused with 409) while the server is killed with
SIGKILL mid-run. After a restart, every rating that got a 200 must be in the history
with the same review id, each card's version must equal its number of ratings, and the
SQLite file must pass an integrity check. Runs in `make test`; takes a few seconds.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.durability
CLIENTS = 24
QUESTIONS = 36
KILL_AFTER_ACKS = 240
MAX_REQUESTS_PER_CLIENT = 400  # a bound, so the loop stops by itself whatever happens
QUESTION = """---
title:
  zh: 练习题 {n}
  en: Drill question {n}
level: 1
tags: [drill]
---

# 中文

## 要点

- 要点 {n}

## 解答

答案 {n}。

# English

## Key points

- Point {n}

## Answer

Answer {n}.
"""


def _write_bank(root: Path) -> list[str]:
    folder = root / "01-drill"
    folder.mkdir(parents=True)
    stems = [f"q{n:02d}" for n in range(QUESTIONS)]
    for n, stem in enumerate(stems):
        (folder / f"{stem}.md").write_text(QUESTION.format(n=n), encoding="utf-8")
    (folder / "_chapter.yaml").write_text(
        "number: 1\nslug: drill\ntitle: {zh: 练习, en: Drill}\nsummary: {zh: 练习。, en: Drill.}\n"
        f"sections:\n  - title: {{zh: 一, en: One}}\n    questions: [{', '.join(stems)}]\n",
        encoding="utf-8",
    )
    return [f"drill/{s}" for s in stems]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(content: Path, db_url: str) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dl500", "serve", "--content", str(content), "--port", str(port)],
        env={**os.environ, "DL500_DATABASE_URL": db_url},
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise AssertionError("dl500 serve did not start within 20 s")


def _call(conn: http.client.HTTPConnection, method: str, url: str, body: Any = None) -> Any:
    payload = json.dumps(body) if body is not None else None
    conn.request(method, url, payload, {"content-type": "application/json"})
    response = conn.getresponse()
    return response.status, json.loads(response.read() or b"null")


@dataclass
class Tally:
    """What the clients saw, shared between threads (guarded by `lock`)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    acked: dict[str, tuple[int, str]] = field(default_factory=dict)
    conflicts: int = 0
    failures: int = 0
    unexpected: list[tuple[int, Any]] = field(default_factory=list)
    enough: threading.Event = field(default_factory=threading.Event)


def _client(port: int, qids: list[str], tally: Tally) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        for k in range(MAX_REQUESTS_PER_CLIENT):
            qid = qids[k % len(qids)]
            _, card = _call(conn, "GET", f"/api/practice/cards/{qid}")
            sid = uuid.uuid4().hex
            body = {
                "question_id": qid,
                "rating": 1 + k % 4,
                "seq": card["seq"],
                "submission_id": sid,
            }
            status, result = _call(conn, "POST", "/api/practice/reviews", body)
            with tally.lock:
                if status == 200:
                    tally.acked[sid] = (result["review_id"], qid)
                    if len(tally.acked) >= KILL_AFTER_ACKS:
                        tally.enough.set()
                elif status == 409:
                    tally.conflicts += 1
                else:
                    tally.unexpected.append((status, result))
    except (OSError, http.client.HTTPException):
        with tally.lock:  # the server died under us: expected after the SIGKILL
            tally.failures += 1
    finally:
        conn.close()


def _history(port: int) -> list[dict[str, Any]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    out: list[dict[str, Any]] = []
    before = ""
    while True:
        _, page = _call(conn, "GET", f"/api/practice/reviews?limit=1000{before}")
        out += page["reviews"]
        if len(page["reviews"]) < 1000:
            return out
        before = f"&before={page['reviews'][-1]['review_id']}"


def _run_and_kill(content: Path, db_url: str, qids: list[str]) -> Tally:
    proc, port = _start(content, db_url)
    tally = Tally()
    # clients share cards in pairs (client i and i+12 overlap), so some ratings race
    threads = [
        threading.Thread(target=_client, args=(port, qids[i % 12 :: 12], tally), daemon=True)
        for i in range(CLIENTS)
    ]
    try:
        for t in threads:
            t.start()
        assert tally.enough.wait(timeout=20), f"only {len(tally.acked)} ratings acknowledged"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        for t in threads:
            t.join(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert tally.unexpected == []
    assert tally.failures > 0, "the kill should have interrupted running clients"
    return tally


def _check_after_restart(content: Path, db_url: str, tally: Tally) -> None:
    proc, port = _start(content, db_url)
    try:
        history = _history(port)
        seen = {h["submission_id"]: (h["review_id"], h["question_id"]) for h in history}
        missing = [sid for sid in tally.acked if sid not in seen]
        assert missing == [], f"{len(missing)} acknowledged ratings lost"
        assert all(seen[sid] == tally.acked[sid] for sid in tally.acked)
        per_card = Counter(h["question_id"] for h in history)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for qid, count in per_card.items():
            assert _call(conn, "GET", f"/api/practice/cards/{qid}")[1]["seq"] == count
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_acknowledged_ratings_survive_sigkill(tmp_path: Path, store_url: str) -> None:
    content = tmp_path / "content"
    qids = _write_bank(content)
    tally = _run_and_kill(content, store_url, qids)
    _check_after_restart(content, store_url, tally)
    if store_url.startswith("sqlite:///"):
        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    print(f"\n{len(tally.acked)} acknowledged, {tally.conflicts} refused with 409, killed mid-run")
