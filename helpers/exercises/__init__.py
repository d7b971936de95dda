"""Checkers for the notebooks' exercises, one module per notebook (``notebook01`` ...).

Every checker returns a :class:`Feedback`. Put the call on the last line of the cell and the
notebook shows it: as a coloured box in JupyterLab (HTML), as one plain line elsewhere. A
checker never raises and never warns: the untouched placeholder (``...`` or ``None``) gets
"not attempted yet" with a hint, and anything a learner can type (a string, inf, 10**400)
gets feedback, so "Restart & Run All" always works.

Numbers: a learner working by hand writes about three significant figures, so an answer that
agrees with the reference to :data:`SIGNIFICANT_FIGURES` is correct (:func:`within_rounding`),
and one that agrees to fewer is told so (:func:`rounding_feedback`), never that the physics
is wrong. Each ``check_<name>`` has its reference answer in ``solutions.notebookNN.<name>``.

Reading an answer (each returns the value, or the :class:`Feedback` to return instead):
:func:`read_number`, :func:`read_array`, :func:`call_answer` (a learner's function),
:func:`read_choice` (a letter among options). Judging a prediction, a choice among options
made before the cell that shows the answer: :func:`judge_choice`, so that a prediction's
checker is its options, its feedback per letter and one call.
"""
import html
import math
import numbers
import re
from dataclasses import dataclass

import numpy as np

SIGNIFICANT_FIGURES = 3  # an answer that agrees with the reference to this many is correct
LARGEST_ANSWER = 1e15  # no answer of the course is larger; beyond it, say so (no overflow)

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

    @property
    def title(self):
        return {NOT_ATTEMPTED: "Not attempted yet", WRONG: "Not quite", CORRECT: "Correct"}[
            self.status]

    def __repr__(self):
        return f"{_MARK[self.status]} {self.title}: {self.message}"

    __str__ = __repr__

    def _repr_html_(self):
        """A box that wraps between words, with the verdict in bold: the mark, the word and
        the border's style tell right from wrong, not the colour alone."""
        border = _BORDER[self.status]
        return (f'<div role="status" style="border-left:{border}; padding:6px 10px; '
                f'margin:4px 0; white-space:normal; word-break:normal; overflow-wrap:normal; '
                f'font-family:var(--jp-content-font-family, sans-serif); line-height:1.45">'
                f'<b>{_MARK[self.status]} {self.title}:</b> {html.escape(self.message)}</div>')


# a solid green bar for right, a dashed vermillion one for wrong, a dotted grey one for not yet
_BORDER = {CORRECT: "6px solid #009E73", WRONG: "6px dashed #D55E00",
           NOT_ATTEMPTED: "6px dotted #595959"}


def not_attempted(hint):
    return Feedback(NOT_ATTEMPTED, f"replace the ... with your answer. Hint: {hint}")


def wrong(message):
    return Feedback(WRONG, message)


def correct(message):
    return Feedback(CORRECT, message)


def is_placeholder(answer):
    return answer is None or answer is Ellipsis


def shown(answer, limit=40):
    """The learner's answer as the feedback quotes it (a 400-digit number is cut short)."""
    text = repr(answer)
    return text if len(text) <= limit else f"{text[:limit - 10]}…{text[-6:]} ({len(text)} characters)"


def as_number(answer):
    """The answer as a finite float, or None when it is not one (a string, NaN, inf, 10**400)."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None
    try:
        value = float(answer)
    except OverflowError:  # an int beyond float64, such as 10**400
        return None
    return value if math.isfinite(value) else None


def read_number(answer, hint, expected, positive=False, largest=LARGEST_ANSWER):
    """The learner's answer as a finite float, or the :class:`Feedback` to return instead.

    The untouched placeholder gets "not attempted yet" with ``hint`` (``None``, which a
    ``print`` returns, says so too). Anything that is not a finite number (or not > 0 with
    ``positive=True``) gets "wrong": "<expected>, got <answer>"; a number beyond ``largest``
    is called far too large, so no checker computes with 1e308.
    A checker starts with ``value = read_number(...)`` and returns it if it is a Feedback.
    """
    if answer is None:
        return not_attempted(f"{hint} (Your answer is None: write the number itself; a print() "
                             "shows a value but does not give it back.)")
    if is_placeholder(answer):
        return not_attempted(hint)
    value = as_number(answer)
    if value is None and isinstance(answer, numbers.Real) and not isinstance(answer, bool):
        if isinstance(answer, numbers.Integral) or math.isinf(answer):
            return wrong(f"{expected}, got a number too large for a float64 (Python turns a "
                         "float above about 1.8e308 into inf). Work with logarithms instead.")
    if value is None or (positive and value <= 0):
        return wrong(f"{expected}, got {shown(answer)}.")
    if abs(value) > largest:
        return wrong(f"{expected}; {value:.3g} is far too large to be the answer.")
    return value


def within_rounding(value, reference, figures=SIGNIFICANT_FIGURES):
    """True when ``value`` is ``reference`` rounded to ``figures`` significant figures (or closer).

    Arrays are compared entry by entry at the scale of the reference's largest entry, so
    [0.638, -0.765, 0.095, 0.032] (three decimals) matches the gradient
    [0.6381, -0.7653, 0.0954, 0.0318].
    """
    value = np.asarray(value, dtype=float)
    reference = np.asarray(reference, dtype=float)
    scale = float(np.max(np.abs(reference))) if reference.size else 0.0
    if scale == 0.0:
        return bool(np.all(value == 0))
    unit = 10.0 ** (math.floor(math.log10(scale)) - figures + 1)
    # a hair more than half a unit: 0.1365 rounds to 0.137 although 0.137 - 0.1365 is 5.000001e-4
    with np.errstate(all="ignore"):
        return bool(np.all(np.abs(value - reference) <= 0.5 * unit * (1 + 1e-6)))


def rounding_feedback(value, reference, what="the answer"):
    """"Wrong" feedback for an answer that matches the reference only to 1 or 2 significant
    figures (it says so, without the answer), or None when it is further off."""
    for figures in (2, 1):
        if within_rounding(value, reference, figures):
            return wrong(f"you are close: your value agrees with {what} to {figures} significant "
                         f"figure{'s' if figures > 1 else ''}. Give {SIGNIFICANT_FIGURES} "
                         "significant figures (keep more digits in the steps before).")
    return None


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
        with np.errstate(all="ignore"):
            results = [function(*call) for call in arguments]
    except Exception as error:  # the learner's code: report, never raise
        return wrong(f"calling {signature} raised {type(error).__name__}: {error}")
    if any(result is Ellipsis for result in results):  # def f(...): return ... untouched
        return not_attempted(hint)
    if any(result is None for result in results):
        return wrong(f"{signature} returned None: end it with `return <your value>` (a print() "
                     "shows the value but does not return it).")
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
    except (TypeError, ValueError, OverflowError):
        return wrong(f"{expected}, got {shown(answer)}.")
    if array.shape != shape:
        return wrong(f"{why_the_shape}; yours has shape {array.shape}.")
    if not np.all(np.isfinite(array)):
        return wrong(f"your {name} contains NaN or inf; {why_finite}")
    if np.any(np.abs(array) > LARGEST_ANSWER):
        return wrong(f"your {name} has entries far too large to be the answer.")
    return array


def _plain(text):
    """Lower case, single spaces, no final full stop: how a choice is compared."""
    return " ".join(str(text).lower().split()).rstrip(".").strip()


def read_choice(answer, options, hint, aliases=None):
    """The letter of the option the learner chose, or the :class:`Feedback` to return instead.

    ``options`` maps letters to option texts ({"a": "it stays the same", ...}). The learner may
    write the letter ("b", " B ", "(b)", "b)"), the letter followed by the option's text, the
    text alone, or one of ``aliases`` ({short name: letter}); case, spacing and a final full
    stop do not matter. The placeholder gets "not attempted yet" with ``hint``.
    """
    if answer is None:
        return not_attempted(f"{hint} (Your answer is None: write the letter itself, in quotes.)")
    if is_placeholder(answer):
        return not_attempted(hint)
    letters = ", ".join(f'"{letter}"' for letter in options)
    expected = (f"answer with one letter in quotes, one of {letters}, as a string (or the "
                f"option's text); got {shown(answer)}.")
    if not isinstance(answer, str):
        return wrong(expected)
    keys = {letter.lower(): letter for letter in options}  # "b" chooses "B" and "b" alike
    text = _plain(answer)
    match = re.fullmatch(r"\(?([a-z])\)?(?:[\s.:)]+(.*))?", text)
    if match and match.group(1) in keys:
        letter, rest = keys[match.group(1)], match.group(2)
        if not rest or _plain(rest) == _plain(options[letter]):
            return letter
    by_text = {_plain(option): letter for letter, option in options.items()}
    by_text.update({_plain(name): letter for name, letter in (aliases or {}).items()})
    if text in by_text:
        return by_text[text]
    return wrong(f"that is not one of the options: {expected}")


def judge_choice(answer, options, hint, right, feedback, aliases=None):
    """The :class:`Feedback` on a prediction: the learner's choice among ``options``.

    The choice is read as :func:`read_choice` reads it (``hint`` and ``aliases`` go to it, and
    its "not attempted" or "not one of the options" is returned as it is). Then the letter
    ``right`` gets ``correct(feedback[right])`` and any other letter ``wrong(feedback[letter])``:
    ``feedback`` has a message for every letter of ``options``.
    """
    letter = read_choice(answer, options, hint, aliases)
    if isinstance(letter, Feedback):
        return letter
    return correct(feedback[letter]) if letter == right else wrong(feedback[letter])
