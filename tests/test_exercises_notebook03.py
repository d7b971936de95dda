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


def test_saturated_percent_rounding_is_told_as_rounding():
    exact = notebook03.saturated_percent()
    assert notebook03.check_saturated_percent(16.3).correct
    assert notebook03.check_saturated_percent(round(exact, 2)).correct
    close = notebook03.check_saturated_percent(16)
    assert close.status == "wrong" and "significant figures" in close.message
    # a sampled estimate from a hundred thousand draws is within the sampling tolerance
    sampled = solutions03.saturated_percent(samples=100_000, seed=3)
    assert abs(sampled - exact) < notebook03.SAMPLING_TOLERANCE
    assert notebook03.check_saturated_percent(sampled).correct


@pytest.mark.parametrize("answer", ["b", " B ", "(b)", "b)", "about half", "About Half.",
                                    solutions03.relu_slope_prediction()])
def test_relu_slope_prediction_accepts_the_letter_or_the_text(answer):
    assert notebook03.check_relu_slope_prediction(answer).correct


@pytest.mark.parametrize("answer, phrase", [
    ("a", "'ReLU has no vanishing problem' is not quite true"),
    ("all of it: ReLU's slope is 1", "passes nothing back"),
    ("c", "squaring the probability"),
    ("d", "only on the sign of z"),
    ("e", "one letter in quotes"),
    (0.5, "one letter in quotes"),
])
def test_relu_slope_prediction_typical_mistakes(answer, phrase):
    feedback = notebook03.check_relu_slope_prediction(answer)
    assert feedback.status == "wrong" and phrase in feedback.message, feedback


def test_relu_slope_prediction_is_what_the_table_shows():
    """E[relu'(z)^2] = 1/2 at every spread of z, the reason for answer b."""
    slope = get_activation("relu").df
    for std in (0.5, 1.0, 3.0):
        assert gaussian_expectation(lambda z: slope(z) ** 2, std=std) == pytest.approx(0.5)


def test_tanh_scale_prediction():
    assert notebook03.check_tanh_scale_prediction(solutions03.tanh_scale_prediction()).correct
    assert notebook03.check_tanh_scale_prediction(" It grows ").correct
    vanish = notebook03.check_tanh_scale_prediction("a")
    assert vanish.status == "wrong" and "above or below 1" in vanish.message
    same = notebook03.check_tanh_scale_prediction("B")
    assert same.status == "wrong" and "add up to decades" in same.message


def test_tanh_scale_prediction_numbers_are_what_a_deep_tanh_network_does():
    """The checker's 0.34 and 1.36: a 50-layer tanh network of width 64 with sigma_w2 = 4 (the
    network of notebook 03's chi table, twice the std of Var(W) = 1/n)."""
    from helpers import MLP

    depth, width = 50, 64
    rng = np.random.default_rng(0)
    inputs, output_gradient = rng.normal(size=(128, width)), rng.normal(size=(128, width))
    net = MLP([width] * (depth + 1), activation="tanh", init="xavier", weight_scale=2.0, seed=1)
    net.forward(inputs)
    grads = net.backward(output_gradient)["activations"]
    slope = get_activation("tanh").df
    hidden = range(1, depth)
    squared_slope = np.exp(np.mean([np.log(np.mean(slope(net.pre_activations[l - 1]) ** 2))
                                    for l in hidden]))
    measured = np.exp(np.mean([np.log(np.mean(grads[l - 1] ** 2) / np.mean(grads[l] ** 2))
                               for l in hidden]))
    assert squared_slope == pytest.approx(notebook03.TANH_SCALE_SLOPE_LEFT, abs=0.005)
    assert measured == pytest.approx(
        notebook03.TANH_SCALE_SIGMA_W2 * notebook03.TANH_SCALE_SLOPE_LEFT, abs=0.03)
    assert measured > 1
