"""Practice: spaced repetition and mock interviews (pure logic; `now` is always passed in)."""

from dl500.practice.queue import Filters, PracticeSettings, Queue, build_queue
from dl500.practice.scheduler import CardState, Grade, Phase, new_card, rate

__all__ = [
    "CardState",
    "Filters",
    "Grade",
    "Phase",
    "PracticeSettings",
    "Queue",
    "build_queue",
    "new_card",
    "rate",
]
