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
        feedback = notebook04.check_xavier_uniform_limit(answer)
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


def test_chi_relu_accepts_the_reference_and_a_sampled_estimate():
    assert solutions04.chi_relu(2.0) == pytest.approx(1.0)
    assert notebook04.check_chi_relu(solutions04.chi_relu).correct
    z = np.random.default_rng(0).normal(size=200_000)
    feedback = notebook04.check_chi_relu(lambda s: s * np.mean((z > 0) ** 2))
    assert feedback.correct and "He's rule" in feedback.message, feedback


def test_chi_relu_matches_a_simulated_relu_layer():
    """The reference chi is what one wide ReLU layer does to the mean squared gradient."""
    rng = np.random.default_rng(1)
    n, sigma_w2 = 2000, 1.3
    z = rng.normal(size=(64, n))                        # pre-activations of layer l-1
    W = rng.normal(0.0, math.sqrt(sigma_w2 / n), size=(n, n))
    upstream = rng.normal(size=(64, n))                 # dL/dz^[l]
    grad = (upstream @ W.T) * (z > 0)                   # dL/dz^[l-1]
    measured = np.mean(grad**2) / np.mean(upstream**2)
    assert measured == pytest.approx(solutions04.chi_relu(sigma_w2), rel=0.02)


@pytest.mark.parametrize("answer, message", [
    (lambda s: ..., "Not attempted"),
    (lambda s: s, "slope of 1 everywhere"),
    (lambda s: s / 4, "squared the probability"),
    (lambda s: 2 * s, "He's rule"),
    (lambda s: s * math.sqrt(0.5), "no square root"),
    (lambda s: s / 3, "0.333 × σ_w²"),
    (lambda s: 1.0, "for every σ_w²"),
    (lambda s: s * s, "proportional to σ_w²"),
    (lambda s: [s, s], "one number"),
    (lambda s: 1 / 0, "raised ZeroDivisionError"),
    (0.5, "should be a function"),
])
def test_chi_relu_typical_mistakes_get_specific_feedback(answer, message):
    feedback = notebook04.check_chi_relu(answer)
    expected = "not attempted" if message == "Not attempted" else "wrong"
    assert feedback.status == expected, feedback
    assert message in repr(feedback), feedback


def test_tanh_std_feedback_gives_the_chaotic_side():
    feedback = notebook04.check_tanh_std(solutions04.tanh_std())
    assert "χ₁ = 1.21" in feedback.message and "1.10 per layer" in feedback.message
