"""Checkers for the notebooks' exercises, one module per notebook (``notebook01`` ...).

Every checker returns a :class:`Feedback`. Put the call on the last line of the cell and the
notebook shows it. A checker never raises: the untouched placeholder (``...`` or ``None``)
gets "not attempted yet" with a hint, so "Restart & Run All" always works.
"""
import math
import numbers
from dataclasses import dataclass

NOT_ATTEMPTED, WRONG, CORRECT = "not attempted", "wrong", "correct"
_MARK = {NOT_ATTEMPTED: "…", WRONG: "✗", CORRECT: "✓"}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``status`` is "correct", "wrong" or "not attempted"."""

    status: str
    message: str

    @property
    def correct(self):
        return self.status == CORRECT

    def __repr__(self):
        title = {NOT_ATTEMPTED: "Not attempted yet", WRONG: "Not quite", CORRECT: "Correct"}
        return f"{_MARK[self.status]} {title[self.status]}: {self.message}"

    __str__ = __repr__


def not_attempted(hint):
    return Feedback(NOT_ATTEMPTED, f"replace the ... with your answer. Hint: {hint}")


def wrong(message):
    return Feedback(WRONG, message)


def correct(message):
    return Feedback(CORRECT, message)


def is_placeholder(answer):
    return answer is None or answer is Ellipsis


def as_number(answer):
    """The answer as a finite float, or None when it is not one (a string, NaN, inf ...)."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None
    value = float(answer)
    return value if math.isfinite(value) else None
