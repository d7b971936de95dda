"""Every checker of every notebook, found automatically: the untouched placeholder gets
"not attempted yet" with a hint, and nonsense gets "wrong" — neither ever raises, so a
notebook's "Restart & Run All" always works. (Each notebook's test file checks its
reference answers and typical wrong answers.)"""
import importlib
import inspect
import math
import numbers
import pkgutil

import numpy as np
import pytest

import helpers.exercises
from helpers.exercises import SIGNIFICANT_FIGURES, within_rounding

MODULES = [importlib.import_module(f"helpers.exercises.{info.name}")
           for info in pkgutil.iter_modules(helpers.exercises.__path__)
           if info.name.startswith("notebook")]
CHECKERS = [function for module in MODULES
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if name.startswith("check_") and function.__module__ == module.__name__]
IDS = [f"{checker.__module__.rsplit('.', 1)[-1]}.{checker.__name__}" for checker in CHECKERS]


def test_every_notebook_with_exercises_is_found():
    assert len(MODULES) >= 7 and len(CHECKERS) >= 2 * len(MODULES) - 1


@pytest.mark.parametrize("checker", CHECKERS, ids=IDS)
@pytest.mark.parametrize("placeholder", [..., None], ids=["ellipsis", "None"])
def test_placeholder_is_not_attempted(checker, placeholder):
    feedback = checker(placeholder)
    assert feedback.status == "not attempted"
    assert "Hint" in repr(feedback)


@pytest.mark.parametrize("checker", CHECKERS, ids=IDS)
@pytest.mark.parametrize("nonsense", ["banana", "0.6", math.nan, math.inf, True, [1, 2]],
                         ids=["str", "number-str", "nan", "inf", "bool", "list"])
def test_nonsense_is_wrong_and_never_raises(checker, nonsense):
    assert checker(nonsense).status == "wrong"


# ----- reference answers, rounding and junk, for every checker ---------------------------------

SOLUTIONS = {checker: getattr(importlib.import_module(
    f"solutions.{checker.__module__.rsplit('.', 1)[-1]}"), checker.__name__[len("check_"):], None)
    for checker in CHECKERS}


def test_every_checker_has_its_reference_answer():
    """``check_<name>`` in helpers/exercises/notebookNN.py <-> ``<name>`` in solutions/notebookNN.py"""
    missing = [name for name, checker in zip(IDS, CHECKERS) if SOLUTIONS[checker] is None]
    assert not missing, f"checkers without a reference answer of the same name: {missing}"


def takes_a_function(checker):
    """Checkers of a value name their first parameter ``answer``; the others take the
    learner's function (clip_gradients, he_init, ...)."""
    return next(iter(inspect.signature(checker).parameters)) != "answer"


def round_to_figures(value, figures):
    """Each entry rounded to ``figures`` significant figures, as a learner writes it by hand."""
    if np.ndim(value) == 0:
        return float(f"{float(value):.{figures}g}")
    return np.vectorize(lambda entry: float(f"{entry:.{figures}g}"))(np.asarray(value, float))


def numeric_reference(checker):
    """The reference answer when it is a non-integer number or array of numbers, else None
    (whole-number answers, such as a layer count, must be exact)."""
    solution = SOLUTIONS[checker]
    if solution is None or takes_a_function(checker):
        return None
    answer = solution()
    if isinstance(answer, (numbers.Integral, dict, tuple, str)) or callable(answer):
        return None
    array = np.asarray(answer, dtype=float)
    if np.all(array == np.round(array)):
        return None
    return answer


NUMERIC = [(checker, name) for checker, name in zip(CHECKERS, IDS)
           if numeric_reference(checker) is not None]


def test_the_rounding_tests_cover_many_checkers():
    # the others are choices (predictions), functions, arrays of whole numbers or diagnoses
    assert len(NUMERIC) >= 10


@pytest.mark.parametrize("figures", [3, 4, 6])
@pytest.mark.parametrize("checker", [c for c, _ in NUMERIC], ids=[n for _, n in NUMERIC])
def test_reference_rounded_to_three_figures_or_more_is_correct(checker, figures):
    reference = numeric_reference(checker)
    feedback = checker(round_to_figures(reference, figures))
    assert feedback.correct, f"{round_to_figures(reference, figures)!r}: {feedback}"


@pytest.mark.parametrize("checker", [c for c, _ in NUMERIC], ids=[n for _, n in NUMERIC])
def test_reference_rounded_to_two_figures_is_called_close_not_wrong_physics(checker):
    reference = numeric_reference(checker)
    rounded = round_to_figures(reference, 2)
    if within_rounding(rounded, reference, SIGNIFICANT_FIGURES):
        pytest.skip(f"{reference!r} has only two significant figures")
    feedback = checker(rounded)
    assert feedback.status == "wrong" and "significant figures" in feedback.message, feedback


@pytest.mark.parametrize("checker", CHECKERS, ids=IDS)
@pytest.mark.parametrize("huge", [1e308, -1e308, 10**400, -(10**400), 1e300, [1e308] * 4,
                                  [[1e308] * 4] * 4],
                         ids=["1e308", "-1e308", "10**400", "-10**400", "1e300", "list",
                              "matrix"])
def test_huge_numbers_get_feedback_without_a_warning(checker, huge):
    # warnings are errors in this test run (pyproject.toml), so an overflow warning fails here
    feedback = checker(huge)
    assert feedback.status in ("wrong", "not attempted")
    assert "\n" not in feedback.message and len(feedback.message) < 600


CALLABLE = [(checker, name) for checker, name in zip(CHECKERS, IDS) if takes_a_function(checker)]


def test_some_checkers_take_functions():
    assert len(CALLABLE) >= 3


@pytest.mark.parametrize("checker", [c for c, _ in CALLABLE], ids=[n for _, n in CALLABLE])
def test_a_function_that_prints_instead_of_returning_is_told_so(checker):
    def prints(*arguments):
        print("the value")  # noqa: T201 - what a learner writes

    feedback = checker(prints)
    assert feedback.status == "wrong" and "returned None" in feedback.message


def test_feedback_shows_as_html_that_wraps_between_words():
    from helpers.exercises import correct, wrong

    right, not_right = correct("a < b & c"), wrong("depth past 1024")
    assert "a &lt; b &amp; c" in right._repr_html_() and "✓ Correct" in right._repr_html_()
    assert "✗ Not quite" in not_right._repr_html_()
    assert "white-space:normal" in not_right._repr_html_()
    assert "solid" in right._repr_html_() and "dashed" in not_right._repr_html_()


def test_within_rounding_at_three_figures():
    assert within_rounding(0.137, 0.13693) and within_rounding(0.1369, 0.13693)
    assert not within_rounding(0.14, 0.13693) and within_rounding(0.14, 0.13693, 2)
    assert within_rounding([0.638, -0.765, 0.095, 0.032], [0.63813, -0.76534, 0.09536, 0.03185])
    assert not within_rounding([0.64, -0.77, 0.1, 0.03], [0.63813, -0.76534, 0.09536, 0.03185])
    assert within_rounding(0.0, 0.0) and not within_rounding(1e-9, 0.0)
