"""helpers.math.checks: one wording for every bad argument, and the one quiet errstate."""

import numpy as np
import pytest

from helpers.math.checks import as_rng, choice, finite_array, finite_number, positive_number
from helpers.math.checks import quiet_float_errors, whole_number


@pytest.mark.parametrize("value", [3, np.int64(3)])
def test_whole_number_accepts_python_and_numpy_integers(value):
    assert whole_number("depth", value) == 3 and type(whole_number("depth", value)) is int


@pytest.mark.parametrize("value, low, high, message", [
    (0, 1, None, "depth must be a whole number >= 1, got 0"),
    (2.0, 1, None, "depth must be a whole number >= 1, got 2.0"),
    (True, 1, None, "depth must be a whole number >= 1, got True"),
    ("3", 1, None, "depth must be a whole number >= 1, got '3'"),
    (201, 1, 200, "depth must be a whole number from 1 to 200, got 201"),
])
def test_whole_number_says_what_is_allowed(value, low, high, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        whole_number("depth", value, low, high)


@pytest.mark.parametrize("value", [0.0, -1.0, np.inf, np.nan, "1", None, True])
def test_positive_number_refuses_what_is_not_a_finite_positive_number(value):
    with pytest.raises(ValueError, match=r"^lr must be a finite number > 0, got "):
        positive_number("lr", value)


def test_positive_number_or_zero_and_finite_number():
    assert positive_number("noise", 0, or_zero=True) == 0.0
    with pytest.raises(ValueError, match="noise must be a finite number >= 0, got -0.1"):
        positive_number("noise", -0.1, or_zero=True)
    assert finite_number("bias", -3) == -3.0
    with pytest.raises(ValueError, match="bias must be a finite number, got inf"):
        finite_number("bias", float("inf"))


@pytest.mark.parametrize("value", ["gru", "RNN", ["rnn"], None])
def test_choice_lists_every_option_and_what_came(value):
    with pytest.raises(ValueError, match=rf"^cell must be one of 'rnn', 'lstm', got {value!r}$"
                       .replace("[", r"\[").replace("]", r"\]")):
        choice("cell", value, ("rnn", "lstm"))
    assert choice("cell", "lstm", {"rnn": 1, "lstm": 4}) == "lstm"  # a dict's keys work too


def test_finite_array_copies_and_checks_shape_and_values():
    original = [[1, 2], [3, 4]]
    array = finite_array("W", original, 2, "(H, H)")
    assert array.dtype == np.float64 and array.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    with pytest.raises(ValueError, match=r"W must have shape \(H, H\) \(every size >= 1\), "
                                         r"got shape \(2,\)"):
        finite_array("W", [1, 2], 2, "(H, H)")
    with pytest.raises(ValueError, match=r"W must be a numeric array of shape \(H, H\), got str"):
        finite_array("W", "ab", 2, "(H, H)")
    with pytest.raises(ValueError, match="W must be finite, got NaN or inf in it"):
        finite_array("W", [[1.0, np.nan]], 2, "(H, H)")


def test_as_rng_passes_generators_through_and_seeds_the_rest():
    rng = np.random.default_rng(1)
    assert as_rng(rng) is rng
    assert as_rng(5).normal() == np.random.default_rng(5).normal()
    assert as_rng([5, 2]).normal() == np.random.default_rng([5, 2]).normal()
    for bad in (-1, 1.5, "0", [], [1, -2]):
        with pytest.raises(ValueError, match="seed must be a whole number >= 0"):
            as_rng(bad)


def test_quiet_float_errors_computes_inf_and_nan_without_a_warning():
    with quiet_float_errors():
        values = np.array([1e308]) * 10, np.array([0.0]) / 0.0, np.array([1.0]) / 0.0
    with pytest.raises(RuntimeWarning):  # outside the block the warnings are back
        np.array([1e308]) * 10
    assert np.isinf(values[0][0]) and np.isnan(values[1][0]) and np.isinf(values[2][0])
