"""The pre-activation residual block (MLP option ``preactivation=True``) and the residual stream.

The block's formula, the default staying as it was, and the variance facts notebook 06 is
built on. (Its gradient checks are with the others, in test_network_gradients.py.)
"""
import math
import warnings

import numpy as np
import pytest

from helpers import MLP, make_sizes


def test_preactivation_block_computes_the_documented_formula():
    net = MLP([3, 4, 4, 4, 1], activation="tanh", residual=True, seed=0, branch_scale=0.5,
              preactivation=True)
    X = np.random.default_rng(1).normal(size=(2, 3))
    net.forward(X)
    a1 = net.activations[1]
    expected = a1 + 0.5 * (np.tanh(a1) @ net.weights[1] + net.biases[1])
    assert np.allclose(net.activations[2], expected)
    # the first layer has no skip: it is the ordinary post-activation layer
    assert np.allclose(a1, np.tanh(X @ net.weights[0] + net.biases[0]))


def test_preactivation_is_off_by_default_and_ignored_without_skips():
    X = np.random.default_rng(2).normal(size=(3, 3))
    default = MLP([3, 4, 4, 4, 1], activation="relu", residual=True, seed=0)
    explicit = MLP([3, 4, 4, 4, 1], activation="relu", residual=True, seed=0, preactivation=False)
    assert not default.preactivation
    assert np.array_equal(default.forward(X), explicit.forward(X))
    plain = MLP([3, 4, 4, 4, 1], activation="relu", seed=0)
    plain_pre = MLP([3, 4, 4, 4, 1], activation="relu", seed=0, preactivation=True)
    assert not plain_pre.preactivation
    assert np.array_equal(plain.forward(X), plain_pre.forward(X))


def test_layer_stats_use_what_the_activation_read():
    # a dead unit of a pre-activation block is a unit of a^[l-1] that is negative everywhere
    net = MLP([2, 3, 3, 1], activation="relu", residual=True, seed=0, preactivation=True)
    X = np.ones((4, 2))
    net.forward(X)
    stats = net.layer_stats()
    read = net.activations[1]  # what g read in layer 2
    assert stats.dead_pct[1] == pytest.approx(100 * np.mean(np.all(read <= 0, axis=0)))


def test_bad_branch_scale_names_itself():
    with pytest.raises(ValueError, match="branch_scale must be a finite number > 0"):
        MLP([2, 3, 3, 1], residual=True, branch_scale=0)


def _second_moments(preactivation, branch_scale, depth=22, width=256, seed=0):
    net = MLP(make_sizes(depth, width), activation="relu", init="he", residual=True,
              branch_scale=branch_scale, preactivation=preactivation, seed=seed)
    X = np.random.default_rng(seed + 1).normal(size=(256, width))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net.forward(X)
    return np.array([np.mean(a * a) for a in net.activations[1:-1]])  # a^[1..L-1]


def test_unscaled_preactivation_stream_doubles_per_block():
    moments = _second_moments(preactivation=True, branch_scale=1.0)
    growth = moments[-1] / moments[0]
    blocks = len(moments) - 1
    per_block = growth ** (1 / blocks)
    assert 1.85 < per_block < 2.15, per_block


def test_scaled_branch_keeps_the_stream_bounded():
    blocks = 20  # depth 22: layers 2..21 are residual
    moments = _second_moments(preactivation=True, branch_scale=1 / math.sqrt(blocks))
    # with He init a block multiplies E[a^2] by 1 + 2 s^2 E[relu(a)^2] / E[a^2], at most
    # 1 + 2 s^2, so s = 1/sqrt(L) bounds the growth over all L blocks by (1 + 2/L)^L < e^2
    growth = moments[-1] / moments[0]
    assert 1.5 < growth < 1.05 * math.e**2, growth


def test_post_activation_relu_stream_grows_faster_than_doubling():
    # g(z) >= 0 for ReLU: the branch adds a positive mean that piles up in the stream
    moments = _second_moments(preactivation=False, branch_scale=1.0)
    per_block = (moments[-1] / moments[0]) ** (1 / (len(moments) - 1))
    assert per_block > 2.2, per_block
