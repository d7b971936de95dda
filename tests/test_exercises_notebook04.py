"""Notebook 04's checkers: placeholder, reference answer and the typical wrong answers."""
import math

import numpy as np
import pytest

from helpers import gain
from helpers.exercises import notebook04
from solutions import notebook04 as solutions04

N_IN, N_OUT = notebook04.HE_N_IN, notebook04.HE_N_OUT


def test_he_init_returning_the_placeholder_is_not_attempted():
    feedback = notebook04.check_he_init(lambda n_in, n_out, rng: ...)
    assert feedback.status == "not attempted" and "variance 2/n_in" in feedback.message


def test_xavier_uniform_limit():
    reference = solutions04.xavier_uniform_limit()
    assert reference == pytest.approx(math.sqrt(6 / 320))
    assert notebook04.check_xavier_uniform_limit(reference).correct
    cases = {
        2 / 320: "variance 2/(n_in + n_out) itself",
        math.sqrt(2 / 320): "Xavier *normal*",
        math.sqrt(3 / 256): "LeCun's uniform limit",
        math.sqrt(6 / 256): "He's uniform limit",
        1 / 16: "old U[−1/√n, 1/√n] default",
        1.0: "too large",
        0.01: "too small",
    }
    for answer, message in cases.items():
        feedback = notebook04.check_xavier_uniform_limit(round(answer, 6))
        assert feedback.status == "wrong" and message in feedback.message, (answer, feedback)
    for nonsense in ("0.137", -0.1, float("nan")):
        assert notebook04.check_xavier_uniform_limit(nonsense).status == "wrong"


def _normal(variance):
    return lambda n_in, n_out, rng: rng.normal(0.0, math.sqrt(variance(n_in, n_out)),
                                               size=(n_in, n_out))


def test_he_init_accepts_the_reference():
    feedback = notebook04.check_he_init(solutions04.he_init)
    assert feedback.correct, feedback
    weights = solutions04.he_init(N_IN, N_OUT, np.random.default_rng(0))
    assert weights.var() == pytest.approx(2 / N_IN, rel=0.02)


@pytest.mark.parametrize("initializer, message", [
    (_normal(lambda n_in, n_out: 1 / n_in), "√2 too small"),
    (_normal(lambda n_in, n_out: 2 / (n_in + n_out)), "looks like Glorot's"),
    (_normal(lambda n_in, n_out: 2 / n_out), "not by n_out"),
    (lambda n_in, n_out, rng: rng.uniform(-math.sqrt(2 / n_in), math.sqrt(2 / n_in),
                                          size=(n_in, n_out)), "a third of He's"),
    (lambda n_in, n_out, rng: rng.normal(0.0, 2 / n_in, size=(n_in, n_out)),
     "2/n_in is the *variance*"),
    (_normal(lambda n_in, n_out: 1.0), "would grow"),
    (lambda n_in, n_out, rng: rng.normal(0.0, math.sqrt(2 / n_in), size=(n_out, n_in)),
     "transposed"),
    (lambda n_in, n_out, rng: rng.normal(0.0, 1.0, size=(n_in,)), "should have shape"),
    (lambda n_in, n_out, rng: np.zeros((n_in, n_out)), "every weight is the same"),
    (lambda n_in, n_out, rng: np.random.default_rng().normal(0.0, math.sqrt(2 / n_in),
                                                             size=(n_in, n_out)),
     "rng you are given"),
    (lambda n_in, n_out, rng: 0.5 + rng.normal(0.0, math.sqrt(2 / n_in), size=(n_in, n_out)),
     "mean"),
    (lambda n_in, n_out, rng: 1 / 0, "raised ZeroDivisionError"),
    (lambda n_in, n_out, rng: "weights", "NumPy array"),
    (lambda n_in, n_out, rng: np.full((n_in, n_out), np.nan), "inf or NaN"),
    (42, "should be a function"),
])
def test_he_init_typical_mistakes_get_specific_feedback(initializer, message):
    feedback = notebook04.check_he_init(initializer)
    assert feedback.status == "wrong", feedback
    assert message in feedback.message, feedback


def test_tanh_std():
    assert notebook04.TANH_GAIN == gain("tanh")
    reference = solutions04.tanh_std()
    assert reference == pytest.approx(5 / 3 / 20)
    assert notebook04.check_tanh_std(reference).correct
    cases = {
        5 / 3 * math.sqrt(2 / 400): "√2 too large — did you use 2/n for tanh?",
        1 / 20: "without the gain",
        math.sqrt(2 / 400): "He's rule for ReLU",
        (5 / 3 / 20) ** 2: "the variance",
        5 / 3 / 400: "not by n_in",
        1.0: "would grow",
        0.01: "would shrink",
    }
    for answer, message in cases.items():
        feedback = notebook04.check_tanh_std(answer)
        assert feedback.status == "wrong" and message in feedback.message, (answer, feedback)
    for nonsense in ("0.083", 0, float("inf")):
        assert notebook04.check_tanh_std(nonsense).status == "wrong"


def test_leaky_relu_gain_accepts_the_reference_and_a_sampled_estimate():
    assert solutions04.leaky_relu_gain(0.0) == pytest.approx(math.sqrt(2))
    assert solutions04.leaky_relu_gain(0.01) == pytest.approx(gain("leaky_relu"))
    assert notebook04.check_leaky_relu_gain(solutions04.leaky_relu_gain).correct
    z = np.random.default_rng(0).normal(size=1_000_000)

    def sampled(alpha):
        return 1 / math.sqrt(np.mean(np.where(z > 0, 1.0, alpha) ** 2))

    feedback = notebook04.check_leaky_relu_gain(sampled)
    assert feedback.correct and "He's rule" in feedback.message, feedback


def test_leaky_relu_gain_makes_a_simulated_layer_keep_the_mean_squared_gradient():
    """sigma_w2 = gain^2 gives chi = 1: what one wide leaky ReLU layer does to the gradient."""
    rng = np.random.default_rng(1)
    n, alpha = 2000, 0.2
    z = rng.normal(size=(64, n))                        # pre-activations of layer l-1
    W = rng.normal(0.0, solutions04.leaky_relu_gain(alpha) / math.sqrt(n), size=(n, n))
    upstream = rng.normal(size=(64, n))                 # dL/dz^[l]
    grad = (upstream @ W.T) * np.where(z > 0, 1.0, alpha)  # dL/dz^[l-1]
    assert np.mean(grad**2) / np.mean(upstream**2) == pytest.approx(1.0, rel=0.02)


@pytest.mark.parametrize("answer, message", [
    (lambda a: ..., "Not attempted"),
    (lambda a: 2 / (1 + a * a), "take the square root"),
    (lambda a: math.sqrt(2), "ReLU's gain"),
    (lambda a: math.sqrt(2 / (1 + a)), "averages the slopes"),
    (lambda a: 2 / (1 + a), "averages the slopes"),
    (lambda a: (1 + a * a) / 2, "must undo it"),
    (lambda a: math.sqrt((1 + a * a) / 2), "must undo it"),
    (lambda a: math.sqrt(1 / (1 + a * a)), "weigh each side by ½"),
    (lambda a: 1.0, "for every α"),
    (lambda a: 3 - a, "Work out E[g′(z)²]"),
    (lambda a: [a, a], "one number"),
    (lambda a: 1 / 0, "raised ZeroDivisionError"),
    (lambda a: print(a), "returned None"),
    (0.5, "should be a function"),
])
def test_leaky_relu_gain_typical_mistakes_get_specific_feedback(answer, message):
    feedback = notebook04.check_leaky_relu_gain(answer)
    expected = "not attempted" if message == "Not attempted" else "wrong"
    assert feedback.status == expected, feedback
    assert message in repr(feedback), feedback


def test_xavier_uniform_limit_rounding_and_the_example_layer():
    assert notebook04.check_xavier_uniform_limit(0.137).correct
    close = notebook04.check_xavier_uniform_limit(0.14)
    assert close.status == "wrong" and "significant figures" in close.message
    assert "too large" not in close.message
    # the example cell's layer (n_in = 300, n_out = 100) left in the learner's variables
    example = notebook04.check_xavier_uniform_limit(math.sqrt(6 / (300 + 100)))
    assert example.status == "wrong" and "n_in = 300 and n_out = 100" in example.message


def test_tanh_std_rounding_and_no_answer_given_away():
    assert notebook04.check_tanh_std(0.0833).correct
    close = notebook04.check_tanh_std(0.083)
    assert close.status == "wrong" and "significant figures" in close.message
    # sqrt(gain / n_in): the gain used as a factor on the variance
    feedback = notebook04.check_tanh_std(0.0645)
    assert feedback.status == "wrong" and "gain²/n_in" in feedback.message
    for answer in (0.0645, 0.05, 0.2, 0.01):
        message = notebook04.check_tanh_std(answer).message
        assert "0.0833" not in message and "0.08333" not in message, (answer, message)


@pytest.mark.parametrize("answer, message", [
    (2.56, None), (2.560, None),
    (2.6, "significant figures"),
    (25.6, "uses the weights' std"),
    (1.6, "*std*"),
    (0.64, "64 inputs"),
    (0.32, "32 inputs"),
    (0.01, "multiply by n_in"),
    (256, "variance too"),
    (7.0, "not quite"),
])
def test_variance_factor(answer, message):
    assert solutions04.variance_factor() == pytest.approx(2.56)
    feedback = notebook04.check_variance_factor(answer)
    if message is None:
        assert feedback.correct, feedback
    else:
        assert feedback.status == "wrong" and message in feedback.message, feedback


@pytest.mark.parametrize("answer, message", [
    (0.707, None), (1 / math.sqrt(2), None),
    (0.71, "significant figures"),
    (0.5, "*second moment*"),
    (1.0, "passes it on whole"),
    (1.414, "the signal loses"),
    (0.3, "not quite"),
])
def test_relu_lecun_factor(answer, message):
    feedback = notebook04.check_relu_lecun_factor(answer)
    if message is None:
        assert feedback.correct, feedback
    else:
        assert feedback.status == "wrong" and message in feedback.message, feedback


def test_relu_lecun_factor_is_what_a_deep_relu_network_does():
    from helpers.course.notebook04 import activation_stds, growth_per_layer

    stds = activation_stds("lecun", "relu", depth=50, width=128)
    assert growth_per_layer(stds) == pytest.approx(solutions04.relu_lecun_factor(), abs=0.01)


def test_tanh_std_feedback_gives_the_chaotic_side():
    feedback = notebook04.check_tanh_std(solutions04.tanh_std())
    assert "χ = 1.21" in feedback.message and "1.10 per layer" in feedback.message
