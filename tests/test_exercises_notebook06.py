"""Notebook 06's checkers: the placeholder, the reference answer and typical wrong answers."""
import numpy as np
import pytest

from helpers.exercises import notebook06
from helpers.math.gradcheck import numerical_jacobian
from helpers.models.residual import residual_block, stream_second_moments
from solutions import notebook06 as solutions06

CHECKERS = [notebook06.check_block_jacobian, notebook06.check_variance_growth]


def test_reference_jacobian_matches_finite_differences():
    a, W, b, s = notebook06.exercise_block()
    numeric = numerical_jacobian(lambda x: residual_block(x, W, b, s, "tanh"), a)
    assert np.allclose(solutions06.block_jacobian(*notebook06.exercise_block()), numeric, atol=1e-9)


def test_block_jacobian_reference_is_correct():
    assert notebook06.check_block_jacobian(solutions06.block_jacobian(*notebook06.exercise_block())).correct


@pytest.mark.parametrize("mistake, phrase", [
    (lambda J, I, a, W, b, s, z: J.T, "transpose"),
    (lambda J, I, a, W, b, s, z: J - I, "branch alone"),
    (lambda J, I, a, W, b, s, z: I + s * W, "tanh'(z) factor is missing"),
    (lambda J, I, a, W, b, s, z: I + W * (1 - np.tanh(z) ** 2), "multiplied by s"),
    (lambda J, I, a, W, b, s, z: I + s * W * np.tanh(z), "its derivative"),
    (lambda J, I, a, W, b, s, z: I + s * (1 - np.tanh(z.T) ** 2) * W, "column j"),
    (lambda J, I, a, W, b, s, z: J + 0.1, "is off by"),
])
def test_block_jacobian_typical_mistakes(mistake, phrase):
    a, W, b, s = notebook06.exercise_block()
    z = a @ W + b
    answer = mistake(solutions06.block_jacobian(*notebook06.exercise_block()), np.eye(4), a, W, b, s, z)
    feedback = notebook06.check_block_jacobian(answer)
    assert feedback.status == "wrong"
    assert phrase in feedback.message


def test_block_jacobian_bad_shapes_and_values():
    assert "shape (4, 4)" in notebook06.check_block_jacobian(np.eye(3)).message
    assert "NumPy array" in notebook06.check_block_jacobian("I + W").message
    assert "NaN" in notebook06.check_block_jacobian(np.full((4, 4), np.nan)).message


def test_variance_growth():
    assert solutions06.variance_growth() == 1024
    assert notebook06.check_variance_growth(solutions06.variance_growth()).correct
    for answer, phrase in [(11, "input's"), (20, "multiplies"), (32, "RMS"),
                           (3**10, "half"), (2.718, "1/√L"), (500, "apply it 10 times")]:
        feedback = notebook06.check_variance_growth(answer)
        assert feedback.status == "wrong" and phrase in feedback.message, (answer, feedback)
    assert notebook06.check_variance_growth("1024").status == "wrong"
    assert notebook06.check_variance_growth(-2).status == "wrong"


def test_variance_growth_reference_matches_a_measurement():
    # the formula is an expectation for a symmetric stream; a wide network's stream (which
    # starts as ReLU output, all >= 0) settles to doubling once the branches dominate it

    moments = stream_second_moments(30)
    per_block = (moments[30] / moments[10]) ** (1 / 20)
    expected = solutions06.variance_growth(1)
    assert abs(per_block - expected) < 0.15 * expected, per_block
