"""Notebook 06's checkers: the placeholder, the reference answer and typical wrong answers."""
import math

import numpy as np
import pytest

from helpers.exercises import notebook06
from helpers.math.gradcheck import numerical_jacobian
from helpers.math.stack import residual_block
from helpers.course.notebook06 import stream_second_moments
from solutions import notebook06 as solutions06

def test_reference_jacobian_matches_finite_differences():
    a, W, b, s = notebook06.exercise_block()
    numeric = numerical_jacobian(lambda x: residual_block(x, W, b, s, "tanh"), a)
    assert np.allclose(solutions06.block_jacobian(*notebook06.exercise_block()), numeric, atol=1e-9)


def test_block_jacobian_reference_is_correct():
    assert notebook06.check_block_jacobian(solutions06.block_jacobian(*notebook06.exercise_block())).correct


def test_block_jacobian_rounded_by_hand():
    reference = solutions06.block_jacobian()
    assert notebook06.check_block_jacobian(np.round(reference, 3)).correct   # three decimals
    rounded = notebook06.check_block_jacobian(np.round(reference, 1))
    assert rounded.status == "wrong" and "2 significant figures" in rounded.message


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


def test_branch_scale():
    reference = solutions06.branch_scale()
    assert abs(reference - 0.08337) < 1e-4
    assert notebook06.check_branch_scale(reference).correct
    # the small-s approximation sqrt(ln 2 / L) is within 0.2%: accepted too, and said to be one
    for approximation in (math.sqrt(math.log(2) / 100), 0.0833):
        feedback = notebook06.check_branch_scale(approximation)
        assert feedback.correct and "small s" in feedback.message
    assert notebook06.check_branch_scale(0.0834).correct
    close = notebook06.check_branch_scale(0.083)
    assert close.status == "wrong" and "2 significant figures" in close.message
    for answer, phrase in [(0.1, "close to e"), (reference**2, "take the square root"),
                           (math.log(2) / 100, "take the square root"),
                           (1 + reference**2, "factor of one block"),
                           (math.sqrt(2) * reference, "√2 too large"),
                           (reference / math.sqrt(2), "√2 too small"),
                           (0.05, "too small. Solve"), (0.3, "too large. Solve")]:
        feedback = notebook06.check_branch_scale(answer)
        assert feedback.status == "wrong" and phrase in feedback.message, (answer, feedback)
    assert notebook06.check_branch_scale("0.083").status == "wrong"
    assert notebook06.check_branch_scale(-0.08).status == "wrong"


def test_one_block_multiplies_the_mean_squared_gradient_by_one_plus_chi_branch():
    # the premise of exercise 2, measured with MLP.backward: a pre-activation ReLU block with He
    # init multiplies the mean squared gradient by 1 + chi_branch, chi_branch = s^2 * 2 *
    # E[relu'(a)^2], and E[relu'(a)^2] is the share of the stream's entries above 0
    from helpers import MLP, gain, make_sizes

    width, blocks, scale = 512, 10, 0.5
    net = MLP(make_sizes(blocks + 2, width), activation="relu", init="lecun",
              weight_scale=gain("relu"), residual=True, branch_scale=scale, preactivation=True,
              seed=3)
    rng = np.random.default_rng(4)
    net.forward(rng.normal(size=(256, width)))
    grads = net.backward(rng.normal(size=(256, width)))["activations"]
    for block in range(1, blocks + 1):
        chi_branch = scale**2 * 2 * np.mean(net.activations[block] > 0)
        measured = np.mean(grads[block] ** 2) / np.mean(grads[block + 1] ** 2)
        assert abs(measured - (1 + chi_branch)) < 0.03 * (1 + chi_branch), (block, measured)


@pytest.mark.parametrize("check, reference, letter, text", [
    (notebook06.check_residual_bottom_gradient, solutions06.residual_bottom_gradient, "B",
     "About the same  size"),
    (notebook06.check_stream_growth, solutions06.stream_growth, "C", "about a billion times"),
])
def test_predictions_accept_the_letter_or_the_text(check, reference, letter, text):
    assert reference() == letter
    for written in (letter, letter.lower(), f" {letter} ", f"{letter})", text):
        assert check(written).correct, written


@pytest.mark.parametrize("check, answer, phrase", [
    (notebook06.check_residual_bottom_gradient, "A", "that is the plain network"),
    (notebook06.check_residual_bottom_gradient, "c", "nowhere near doubling"),
    (notebook06.check_stream_growth, "A", "the variances add"),
    (notebook06.check_stream_growth, "b", "the factors multiply"),
    (notebook06.check_stream_growth, "D", "cannot shrink"),
    (notebook06.check_stream_growth, "E", 'one of "A", "B", "C", "D"'),
    (notebook06.check_stream_growth, 2.0, "as a string"),
])
def test_prediction_mistakes(check, answer, phrase):
    feedback = check(answer)
    assert feedback.status == "wrong" and phrase in feedback.message, feedback


def test_the_predictions_are_what_the_notebook_measures():
    """Residual sigmoid network of notebook 06 (L = 50, s = 1/sqrt(L)): the gradient at layer 1
    is within 10% of the top's (B); the plain one's is below 1e-25 of it. Thirty unscaled
    pre-activation ReLU blocks, He init: E[a^2] grows by 1e8 to 1e10 (C, 2^30 ~ 1.1e9)."""
    from helpers import mse_loss
    from helpers.course.notebook06 import circles, circles_network

    X, y = circles()
    ratios = {}
    for residual in (False, True):
        net = circles_network(50, residual, activation="sigmoid", branch_scale=1 / math.sqrt(50))
        _, dout = mse_loss(net.forward(X), y)
        grads = net.backward(dout)["activations"]
        ratios[residual] = np.linalg.norm(grads[1]) / np.linalg.norm(grads[49])
    assert 0.9 < ratios[True] < 1.1 and ratios[False] < 1e-25
    moments = stream_second_moments(30, branch_scale=1.0, preactivation=True)
    assert 1e8 < moments[30] / moments[0] < 1e10
