"""Notebook 03's checkers: the reference answers and typical wrong answers (placeholders and
nonsense: test_exercise_placeholders.py)."""
import numpy as np
import pytest

from helpers import get_activation
from helpers.exercises import notebook03
from helpers.math.gaussian import gaussian_expectation
from solutions import notebook03 as solutions03


def test_saturated_percent_closed_form_matches_sampling():
    sampled = solutions03.saturated_percent(samples=1_000_000)
    assert abs(sampled - notebook03.saturated_percent()) < 0.2
    assert notebook03.saturated_percent() == pytest.approx(16.30, abs=0.01)
    assert notebook03.saturated_percent(std=1.0) == pytest.approx(3.64, abs=0.01)


def test_saturated_percent():
    assert notebook03.check_saturated_percent(solutions03.saturated_percent()).correct
    fraction = notebook03.check_saturated_percent(notebook03.saturated_percent() / 100)
    assert fraction.status == "wrong" and "percentage" in fraction.message
    std_one = notebook03.check_saturated_percent(notebook03.saturated_percent(std=1.0))
    assert std_one.status == "wrong" and "std 1" in std_one.message
    one_tail = notebook03.check_saturated_percent(notebook03.saturated_percent() / 2)
    assert one_tail.status == "wrong" and "one side" in one_tail.message
    assert notebook03.check_saturated_percent(50).status == "wrong"
    assert notebook03.check_saturated_percent(float("nan")).status == "wrong"


def test_leaky_relu_chi():
    answer = solutions03.leaky_relu_chi()
    assert answer == pytest.approx(0.52, abs=1e-3)  # sampled: within the checker's tolerance
    assert notebook03.check_leaky_relu_chi(answer).correct
    assert notebook03.check_leaky_relu_chi(0.52).correct
    for wrong_answer, phrase in [(0.6, "*squared* slope"), (0.5, "leaves out the negative side"),
                                 (1.04, "half of the time"), (0.52**0.5, "*norm*"),
                                 (0.04, "negative side alone"), (0.9, "is not it")]:
        feedback = notebook03.check_leaky_relu_chi(wrong_answer)
        assert feedback.status == "wrong" and phrase in feedback.message, (wrong_answer, feedback)
    assert notebook03.check_leaky_relu_chi("0.52").status == "wrong"


def test_chi_of_leaky_relu_does_not_depend_on_the_scale_of_z():
    """The checker's feedback says so: only the sign of z enters E[g'(z)^2]."""
    alpha = notebook03.LEAKY_ALPHA
    leaky = lambda z: np.where(z > 0, 1.0, alpha)  # noqa: E731
    assert get_activation("leaky_relu").df(np.array([-1.0, 1.0])).tolist() == [0.01, 1.0]
    for std in (0.1, 1.0, 10.0):
        assert gaussian_expectation(lambda z: leaky(z) ** 2, std=std) \
            == pytest.approx(0.5 * (1 + alpha**2), abs=1e-12)
