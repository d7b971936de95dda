"""helpers.models.network: the MLP's backward pass checked against central differences
(float64, relative error below 1e-7), its residual blocks, bad input named clearly, and
overflow reported instead of raised."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import (
    ACTIVATION_NAMES,
    INIT_NAMES,
    MLP,
    get_activation,
    make_sizes,
    numerical_gradient,
    rel_error,
    train,
)

TOLERANCE = 1e-7


# (residual, preactivation): a plain net, post-activation skips, pre-activation skips
BLOCKS = {"plain": (False, False), "residual": (True, False), "preactivation": (True, True)}


@pytest.mark.parametrize("block", BLOCKS)
@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_mlp_backward_matches_numerical(activation, block):
    residual, preactivation = BLOCKS[block]
    rng = np.random.default_rng(4)
    net = MLP([3, 5, 5, 5, 2], activation=activation, init="xavier", residual=residual,
              seed=5, branch_scale=0.7, preactivation=preactivation)
    for b in net.biases:  # non-zero biases so their gradients are tested too
        b[:] = rng.normal(scale=0.1, size=b.shape)
    X = rng.normal(size=(4, 3))
    dout = rng.normal(size=(4, 2))  # a random upstream gradient keeps every entry well scaled
    net.forward(X)
    if activation in ("relu", "leaky_relu"):
        # ReLU's kink: no input of g may sit within reach of the finite difference. (In a
        # pre-activation block g reads a^[l-1]; its exact zeros are ReLU outputs of the layer
        # below, which stay 0 under small perturbations.)
        # A step h = 1e-5 in one weight moves an input of g by about h * |a| < 3e-5 here.
        inputs = np.concatenate([cache.activation.z.ravel() for cache in net.caches])
        assert np.min(np.abs(inputs[inputs != 0])) > 5e-5
    grads = net.backward(dout)

    def output():
        return net.forward(X)

    for l in range(net.depth):
        assert rel_error(grads["weights"][l], numerical_gradient(output, net.weights[l], dout)) < TOLERANCE
        assert rel_error(grads["biases"][l], numerical_gradient(output, net.biases[l], dout)) < TOLERANCE
    assert rel_error(grads["activations"][0], numerical_gradient(output, X, dout)) < TOLERANCE


def test_residual_network_really_has_skips():
    plain = MLP([3, 4, 4, 4, 1], activation="tanh", seed=0)
    skip = MLP([3, 4, 4, 4, 1], activation="tanh", seed=0, residual=True)
    assert skip.residual == [False, True, True, False]
    X = np.ones((2, 3))
    assert not np.allclose(plain.forward(X), skip.forward(X))


def test_backward_does_not_mutate_dout():
    net = MLP([3, 4, 4, 2], activation="tanh", residual=True, seed=0)
    out = net.forward(np.ones((2, 3)))
    dout = np.ones_like(out)
    net.backward(dout)
    assert np.array_equal(dout, np.ones_like(out))


def test_gradient_check_catches_a_wrong_derivative(monkeypatch):
    """The check has teeth: a backward using tanh' = 1 - tanh (a typical slip) is rejected."""
    import helpers.math.activations as activations

    wrong = activations.Activation("tanh", np.tanh, lambda z: 1.0 - np.tanh(z), True,
                                   lambda a: 1.0 - a)
    monkeypatch.setitem(activations.ACTIVATIONS, "tanh", wrong)
    rng = np.random.default_rng(6)
    net = MLP([3, 5, 5, 2], activation="tanh", seed=7)
    X, dout = rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
    net.forward(X)
    grads = net.backward(dout)
    numeric = numerical_gradient(lambda: net.forward(X), net.weights[0], dout)
    assert rel_error(grads["weights"][0], numeric) > 1e-3


# ----- residual blocks ------------------------------------------------------------------------

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


# ----- bad input and overflow -----------------------------------------------------------------

def test_unknown_activation_lists_the_choices():
    with pytest.raises(ValueError, match=r"activation must be one of 'linear', 'sigmoid', "
                                          r"'tanh', 'relu', 'leaky_relu', got 'tahn'"):
        MLP([2, 3, 1], activation="tahn")


def test_unknown_init_lists_the_choices():
    with pytest.raises(ValueError, match=r"init must be one of .*'xavier'.*'he'.*, got 'xaiver'"):
        MLP([2, 3, 1], init="xaiver")


@given(st.text(min_size=1, max_size=12).filter(lambda name: name not in ACTIVATION_NAMES))
def test_any_other_activation_name_is_rejected_clearly(name):
    with pytest.raises(ValueError, match="activation must be one of 'linear', 'sigmoid'"):
        get_activation(name)


@given(st.text(min_size=1, max_size=12).filter(lambda name: name not in INIT_NAMES))
def test_any_other_init_name_is_rejected_clearly(name):
    with pytest.raises(ValueError, match="init must be one of"):
        MLP([2, 2], init=name)


@given(st.one_of(
    st.floats(max_value=0.0),
    st.just(math.inf), st.just(-math.inf), st.just(math.nan),
    st.text(max_size=3), st.none(), st.booleans(),
))
def test_bad_weight_scale_is_rejected(weight_scale):
    with pytest.raises(ValueError, match="weight_scale must be a finite number > 0"):
        MLP([2, 2], weight_scale=weight_scale)


@given(st.floats(min_value=1e-6, max_value=1e6))
def test_any_positive_finite_weight_scale_is_accepted(weight_scale):
    net = MLP([2, 2], activation="linear", init="identity", weight_scale=weight_scale)
    assert net.weights[0][0, 0] == weight_scale


@given(st.lists(st.integers(max_value=0), min_size=1, max_size=4))
def test_non_positive_widths_are_rejected(sizes):
    with pytest.raises(ValueError, match="sizes"):
        MLP(sizes)


@pytest.mark.parametrize("sizes", [[], [4], 5, "abc", [4, 2.5, 1], [4, True, 1]])
def test_malformed_sizes_are_rejected(sizes):
    with pytest.raises(ValueError, match="sizes"):
        MLP(sizes)


@pytest.mark.parametrize("depth", [0, -3, 2.0, None])
def test_make_sizes_rejects_a_bad_depth(depth):
    with pytest.raises(ValueError, match="depth must be a whole number >= 1"):
        make_sizes(depth, 8)


@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 4))
@settings(max_examples=30)
def test_input_of_the_wrong_width_is_rejected(n_in, n_wrong, batch):
    if n_wrong == n_in:
        n_wrong += 1
    net = MLP([n_in, 3, 1])
    with pytest.raises(ValueError, match=rf"X must have shape \(N, {n_in}\)"):
        net.forward(np.zeros((batch, n_wrong)))


def test_one_dimensional_input_is_rejected():
    with pytest.raises(ValueError, match=r"X must have shape \(N, 3\)"):
        MLP([3, 2]).forward(np.zeros(3))


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_input_is_rejected(bad):
    X = np.ones((2, 3))
    X[1, 2] = bad
    with pytest.raises(ValueError, match="X must be finite, got NaN or inf"):
        MLP([3, 2]).forward(X)


def test_backward_before_forward_and_wrong_dout():
    net = MLP([3, 2])
    with pytest.raises(ValueError, match="call forward"):
        net.backward(np.ones((1, 2)))
    net.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"dout must have the output's shape \(4, 2\)"):
        net.backward(np.ones((4, 3)))


@pytest.mark.parametrize("kwargs, message", [
    ({"steps": 0}, "steps must be a whole number >= 1"),
    ({"lr": -1.0}, "lr must be a finite number > 0"),
    ({"clip_norm": 0.0}, "clip_norm must be a finite number > 0"),
])
def test_train_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        train(MLP([2, 1]), np.ones((3, 2)), np.ones((3, 1)), **kwargs)


def test_deep_overflow_is_reported_without_warnings():
    """200 layers at 1.5·I is finite (1.5**200 ~ 1.7e35); 2000 layers overflow at layer 1751."""
    net = MLP([2] * 201, activation="linear", init="identity", weight_scale=1.5)
    out = net.forward(np.ones((1, 2)))
    assert np.all(np.isfinite(out)) and net.first_nonfinite_layer is None

    net = MLP([2] * 2001, activation="linear", init="identity", weight_scale=1.5)
    out = net.forward(np.ones((1, 2)))
    net.backward(np.ones_like(out))
    stats = net.layer_stats()
    assert net.first_nonfinite_layer == 1751  # 1.5**1751 > max float64 ~ 1.8e308 > 1.5**1750
    assert stats.first_nonfinite_layer == 1751
    assert np.isinf(stats.act_rms[1750]) and np.isfinite(stats.act_rms[1749])


def test_training_that_explodes_reports_the_step_instead_of_crashing():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(16, 4)), rng.normal(size=(16, 1))
    net = MLP([4] + [32] * 6 + [1], activation="relu", init="he", weight_scale=3.0, seed=0)
    history = train(net, X, y, steps=50, lr=0.5)
    assert history.diverged_at is not None
    assert np.all(np.isnan(history.loss[history.diverged_at:]))
    assert np.all(np.isfinite(history.loss[:history.diverged_at]))


def test_clipping_keeps_the_same_run_finite():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(16, 4)), rng.normal(size=(16, 1))
    net = MLP([4] + [32] * 6 + [1], activation="relu", init="he", weight_scale=3.0, seed=0)
    history = train(net, X, y, steps=50, lr=0.5, clip_norm=1.0)
    assert history.diverged_at is None and history.clipped_steps > 0
    assert history.loss[-1] < history.loss[0]
