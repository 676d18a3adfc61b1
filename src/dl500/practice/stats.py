"""Progress numbers for the dashboard and `dl500 progress`, computed from review history.

Pure functions of (history, card states, now, the user's UTC offset), so the dashboard,
the CLI and the tests all agree on what "today", "streak" and "retention" mean.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dl500.bank.schema import Bank, QuestionId
from dl500.practice.scheduler import CardState, Grade, Phase, require_utc, retrievability


@dataclass(frozen=True, slots=True)
class ReviewEvent:
    """One rating that counts (undone ratings are not events)."""

    question_id: QuestionId
    grade: Grade
    reviewed_at: datetime
    phase_before: Phase


@dataclass(frozen=True, slots=True)
class ChapterMastery:
    """How much of one chapter the user would recall right now."""

    chapter: int
    seen: int
    total: int
    mastery: float
    """Mean predicted recall over all the chapter's questions; unseen ones count as 0."""


@dataclass(frozen=True, slots=True)
class RetentionPoint:
    """Share of review-phase cards remembered (not rated Again) during one week."""

    week_start: date
    reviews: int
    retention: float | None
    """None when the week had no review-phase ratings."""


def local_date(moment: datetime, utc_offset_min: int) -> date:
    """Return the user's calendar date at `moment`."""
    return (require_utc(moment) + timedelta(minutes=utc_offset_min)).date()


def mastery_by_chapter(
    bank: Bank, states: Mapping[QuestionId, CardState], now: datetime
) -> tuple[ChapterMastery, ...]:
    """Return mastery for every chapter that has questions, in chapter order."""
    out = []
    for ch in bank.chapters:
        ids = [qid for qid in ch.question_ids if qid in bank.questions]
        if not ids:
            continue
        seen = [states[qid] for qid in ids if qid in states and not states[qid].is_new]
        recall = sum(retrievability(s, now) for s in seen)
        out.append(ChapterMastery(ch.number, len(seen), len(ids), recall / len(ids)))
    return tuple(out)


def reviews_per_day(
    events: Sequence[ReviewEvent], now: datetime, utc_offset_min: int, days: int
) -> tuple[tuple[date, int], ...]:
    """Return (date, count) for the `days` local days ending today, oldest first."""
    counts = Counter(local_date(e.reviewed_at, utc_offset_min) for e in events)
    today = local_date(now, utc_offset_min)
    return tuple(
        (d, counts.get(d, 0)) for d in (today - timedelta(days=i) for i in range(days - 1, -1, -1))
    )


def retention_by_week(
    events: Sequence[ReviewEvent], now: datetime, utc_offset_min: int, weeks: int
) -> tuple[RetentionPoint, ...]:
    """Return weekly retention (weeks start on Monday) for the last `weeks` weeks."""
    today = local_date(now, utc_offset_min)
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    total: Counter[date] = Counter()
    kept: Counter[date] = Counter()
    for e in events:
        if e.phase_before is not Phase.REVIEW:
            continue
        d = local_date(e.reviewed_at, utc_offset_min)
        week = d - timedelta(days=d.weekday())
        total[week] += 1
        kept[week] += e.grade is not Grade.AGAIN
    starts = [first + timedelta(weeks=i) for i in range(weeks)]
    return tuple(
        RetentionPoint(w, total[w], kept[w] / total[w] if total[w] else None) for w in starts
    )


def retention(events: Sequence[ReviewEvent], since: datetime) -> float | None:
    """Return the share of review-phase ratings since `since` that were not Again."""
    graded = [e for e in events if e.phase_before is Phase.REVIEW and e.reviewed_at >= since]
    if not graded:
        return None
    return sum(e.grade is not Grade.AGAIN for e in graded) / len(graded)


def due_forecast(
    states: Mapping[QuestionId, CardState], now: datetime, utc_offset_min: int, days: int
) -> tuple[int, ...]:
    """Return how many cards fall due on each of the next `days` local days (0 = today).

    Overdue cards count for today, since that is when the user will meet them.
    """
    today = local_date(now, utc_offset_min)
    counts = [0] * days
    for s in states.values():
        if s.due is None:
            continue
        offset = max(0, (local_date(s.due, utc_offset_min) - today).days)
        if offset < days:
            counts[offset] += 1
    return tuple(counts)


def streak(events: Sequence[ReviewEvent], now: datetime, utc_offset_min: int) -> int:
    """Return the run of consecutive days with a review, ending today or yesterday."""
    days = {local_date(e.reviewed_at, utc_offset_min) for e in events}
    day = local_date(now, utc_offset_min)
    if day not in days:
        day -= timedelta(days=1)
    run = 0
    while day in days:
        run += 1
        day -= timedelta(days=1)
    return run


@dataclass(frozen=True, slots=True)
class Summary:
    """The headline numbers shown by `dl500 progress` and at the top of the dashboard."""

    reviews_total: int
    reviews_today: int
    streak_days: int
    seen: int
    total: int
    retention_30d: float | None
    mastery: float
    """Mean predicted recall over the whole bank (unseen questions count as 0)."""


def summarize(
    bank: Bank,
    states: Mapping[QuestionId, CardState],
    events: Sequence[ReviewEvent],
    now: datetime,
    utc_offset_min: int,
) -> Summary:
    """Return the headline numbers at `now`."""
    today = local_date(now, utc_offset_min)
    total = len(bank.order)
    seen = [s for qid, s in states.items() if qid in bank.questions and not s.is_new]
    return Summary(
        reviews_total=len(events),
        reviews_today=sum(local_date(e.reviewed_at, utc_offset_min) == today for e in events),
        streak_days=streak(events, now, utc_offset_min),
        seen=len(seen),
        total=total,
        retention_30d=retention(events, require_utc(now) - timedelta(days=30)),
        mastery=sum(retrievability(s, now) for s in seen) / total if total else 0.0,
    )
