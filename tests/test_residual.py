"""helpers.course.notebook06: notebook 06's networks, their gradients, and the residual stream."""
import math
import re

import numpy as np
import pytest

from helpers.math.gradcheck import numerical_jacobian
from helpers.course.notebook06 import (
    BRANCH_SCALES,
    branch_scale_for,
    circles_network,
    gradient_norms,
    stream_second_moments,
)
from helpers.math.stack import residual_block

BLOCKS = 20


def test_unscaled_preactivation_stream_doubles_per_block():
    moments = stream_second_moments(BLOCKS, n_samples=256)
    per_block = (moments[-1] / moments[0]) ** (1 / BLOCKS)
    assert 1.85 < per_block < 2.15, per_block


def test_scaled_branch_keeps_the_stream_bounded():
    moments = stream_second_moments(BLOCKS, branch_scale=1 / math.sqrt(BLOCKS), n_samples=256)
    # with He init a block multiplies E[a^2] by 1 + 2 s^2 E[relu(a)^2] / E[a^2], at most
    # 1 + 2 s^2, so s = 1/sqrt(L) bounds the growth over all L blocks by (1 + 2/L)^L < e^2
    growth = moments[-1] / moments[0]
    assert 1.5 < growth < 1.05 * math.e**2, growth


def test_post_activation_relu_stream_grows_faster_than_doubling():
    # g(z) >= 0 for ReLU: the branch adds a positive mean that piles up in the stream
    moments = stream_second_moments(BLOCKS, preactivation=False, n_samples=256)
    per_block = (moments[-1] / moments[0]) ** (1 / BLOCKS)
    assert per_block > 2.2, per_block


def test_sigmoid_gradients_vanish_in_the_plain_network_and_not_in_the_residual_one():
    plain = gradient_norms(100, False, "sigmoid")
    residual = gradient_norms(100, True, "sigmoid", branch_scale_for("1/√L", 100))
    assert plain.shape == residual.shape == (100,)
    assert plain[0] / plain[-1] < 1e-40
    assert residual[0] / residual[-1] > 1e-3
    assert np.all(residual[1:-1] > 0.1 * np.median(residual))  # flat through the hidden layers


def test_the_network_is_he_for_relu():
    net = circles_network(5, False, activation="relu", width=400, seed=1)
    # LeCun (1/n) times gain(relu)**2 = 2: He's variance 2/n
    assert np.var(net.weights[2]) == pytest.approx(2 / 400, rel=0.02)
    assert math.isclose(net.weight_scale, math.sqrt(2))


def test_branch_scale_rules_and_bad_input():
    assert branch_scale_for("1 (unscaled)", 100) == 1.0
    assert branch_scale_for("1/√L", 100) == pytest.approx(0.1)
    with pytest.raises(ValueError, match=re.escape(", ".join(repr(r) for r in BRANCH_SCALES))):
        branch_scale_for("1/L", 100)
    for bad_depth in (2, 10.5, True, "50"):
        with pytest.raises(ValueError, match="depth must be a whole number >= 3"):
            circles_network(bad_depth, True)
    assert circles_network(np.int64(5), True).depth == 5


def test_the_block_jacobian_is_the_identity_plus_the_branch():
    rng = np.random.default_rng(0)
    a, W, b = rng.normal(size=(1, 4)), rng.normal(size=(4, 4)) / 2, rng.normal(size=4)
    block = numerical_jacobian(lambda x: residual_block(x, W, b, 0.5, "tanh"), a)
    branch = numerical_jacobian(lambda x: 0.5 * np.tanh(x @ W + b), a)
    np.testing.assert_allclose(block - branch, np.eye(4), atol=1e-9)
