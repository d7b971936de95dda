"""Notebook 06's checkers: the placeholder, the reference answer and typical wrong answers."""
import math

import numpy as np
import pytest

from helpers.exercises import notebook06
from helpers.math.gradcheck import numerical_jacobian
from helpers.models.residual import residual_block, stream_second_moments
from solutions import notebook06 as solutions06

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


def test_branch_scale():
    reference = solutions06.branch_scale()
    assert abs(reference - 0.08337) < 1e-4
    assert notebook06.check_branch_scale(reference).correct
    # the small-s approximation sqrt(ln 2 / L) is within 0.2%: accepted too
    assert notebook06.check_branch_scale(math.sqrt(math.log(2) / 100)).correct
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
