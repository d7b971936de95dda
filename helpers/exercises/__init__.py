"""Checkers for the notebooks' exercises, one module per notebook (``notebook01`` ...).

Every checker returns a :class:`Feedback`. Put the call on the last line of the cell and the
notebook shows it. A checker never raises: the untouched placeholder (``...`` or ``None``)
gets "not attempted yet" with a hint, so "Restart & Run All" always works.
"""
import math
import numbers
from dataclasses import dataclass

import numpy as np

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


def read_number(answer, hint, expected, positive=False):
    """The learner's answer as a finite float, or the :class:`Feedback` to return instead.

    The untouched placeholder gets "not attempted yet" with ``hint``. Anything that is not a
    finite number (or not > 0 with ``positive=True``) gets "wrong": "<expected>, got <answer>".
    A checker starts with ``value = read_number(...)`` and returns it if it is a Feedback.
    """
    if is_placeholder(answer):
        return not_attempted(hint)
    value = as_number(answer)
    if value is None or (positive and value <= 0):
        return wrong(f"{expected}, got {answer!r}.")
    return value


def call_answer(function, hint, signature, arguments):
    """Call the learner's ``function`` once for each tuple in ``arguments``.

    Returns the list of results, or the :class:`Feedback` to return instead: "not attempted"
    for the placeholder (or a function that still returns ``...``), "wrong" for something that
    is not a function or raises (the learner's error is reported, never raised).
    ``signature`` names the function as the exercise writes it, e.g. "he_init(n_in, n_out, rng)".
    """
    if is_placeholder(function):
        return not_attempted(hint)
    if not callable(function):
        return wrong(f"the answer should be a function {signature}, got "
                     f"{type(function).__name__}.")
    try:
        results = [function(*call) for call in arguments]
    except Exception as error:  # the learner's code: report, never raise
        return wrong(f"calling {signature} raised {type(error).__name__}: {error}")
    if any(is_placeholder(result) for result in results):  # def f(...): return ... untouched
        return not_attempted(hint)
    return results


def read_array(answer, hint, shape, name, expected, why_the_shape, why_finite):
    """The learner's answer as a float array of ``shape``, or the :class:`Feedback` to return.

    The placeholder gets "not attempted yet" with ``hint``; something that is no array of
    numbers gets "<expected>, got <answer>"; a wrong shape "<why_the_shape>; yours has shape
    ..."; NaN or inf "your <name> contains NaN or inf; <why_finite>".
    """
    if is_placeholder(answer):
        return not_attempted(hint)
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return wrong(f"{expected}, got {answer!r}.")
    if array.shape != shape:
        return wrong(f"{why_the_shape}; yours has shape {array.shape}.")
    if not np.all(np.isfinite(array)):
        return wrong(f"your {name} contains NaN or inf; {why_finite}")
    return array
