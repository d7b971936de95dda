"""Batch normalization inside the MLP: every gradient checked against central differences
(training and test mode, plain, residual and pre-activation blocks), running statistics for
test time, and the parameters by name."""
import numpy as np
import pytest

from helpers import MLP, numerical_gradient, rel_error
from helpers.models.network import BN_MOMENTUM
from helpers.math.layers import EPS

TOLERANCE = 1e-7
BLOCKS = {"plain": (False, False), "residual": (True, False), "preactivation": (True, True)}


def agree(analytic, numeric):
    """rel_error below the tolerance, or both round-off: a gradient that is exactly 0 (a shift
    that the next layer's batch norm subtracts out again) is computed as ~1e-16 and ~1e-11."""
    if max(np.max(np.abs(analytic)), np.max(np.abs(numeric))) < 1e-9:
        return True
    return rel_error(analytic, numeric) < TOLERANCE


def batchnorm_net(activation, block, seed=5):
    residual, preactivation = BLOCKS[block]
    rng = np.random.default_rng(seed)
    net = MLP([3, 5, 5, 5, 2], activation=activation, init="xavier", residual=residual,
              seed=seed, branch_scale=0.7, preactivation=preactivation, normalization="batch")
    # parameters away from their starting values, so every gradient is exercised
    for values in net.biases + [g for g in net.gammas if g is not None] + \
            [b for b in net.betas if b is not None]:
        values += rng.normal(scale=0.3, size=values.shape)
    return net, rng


@pytest.mark.parametrize("block", BLOCKS)
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "leaky_relu", "linear"])
@pytest.mark.parametrize("training", [True, False], ids=["training", "test-time"])
def test_backward_matches_numerical(activation, block, training):
    net, rng = batchnorm_net(activation, block)
    X = rng.normal(size=(6, 3))
    dout = rng.normal(size=(6, 2))
    if not training:  # running statistics that differ from any batch's
        net.forward(rng.normal(1.0, 2.0, size=(6, 3)))
    net.forward(X, training=training)
    if activation == "leaky_relu":  # no input of g within reach of the finite difference
        inputs = np.concatenate([cache.activation.z.ravel() for cache in net.caches])
        assert np.min(np.abs(inputs)) > 1e-4
    grads = net.backward(dout)

    def output():
        return net.forward(X, training=training)

    for l in range(net.depth):
        numeric = numerical_gradient(output, net.weights[l], dout)
        assert rel_error(grads["weights"][l], numeric) < TOLERANCE, ("W", l)
        numeric = numerical_gradient(output, net.biases[l], dout)
        if training and net.gammas[l] is not None and not (net.residual[l] and net.preactivation):
            # a bias right before batch norm is subtracted out with the batch mean
            assert np.max(np.abs(grads["biases"][l])) < 1e-13 and np.max(np.abs(numeric)) < 1e-9
        else:
            assert rel_error(grads["biases"][l], numeric) < TOLERANCE, ("b", l)
        if net.gammas[l] is None:
            assert grads["gammas"][l] is None and grads["betas"][l] is None
            continue
        for name, values in (("gammas", net.gammas[l]), ("betas", net.betas[l])):
            numeric = numerical_gradient(output, values, dout)
            assert agree(grads[name][l], numeric), (name, l)
    assert rel_error(grads["activations"][0], numerical_gradient(output, X, dout)) < TOLERANCE


def test_where_batch_norm_sits():
    net = MLP([3, 5, 5, 4, 2], normalization="batch", seed=0)
    assert [None if g is None else g.shape for g in net.gammas] == [(5,), (5,), (4,), None]
    pre = MLP([3, 5, 5, 5, 2], normalization="batch", residual=True, preactivation=True, seed=0)
    # in a pre-activation block batch norm normalizes the block's input a^[l-1]
    assert pre.residual == [False, True, True, False]
    assert [None if g is None else g.shape for g in pre.gammas] == [(5,), (5,), (5,), None]
    assert all(g is None for g in MLP([3, 5, 2], seed=0).gammas)


def test_training_mode_normalizes_every_hidden_unit_over_the_batch():
    net = MLP([4, 16, 16, 3], activation="tanh", init="xavier", weight_scale=7.0, seed=1,
              normalization="batch")
    net.forward(np.random.default_rng(0).normal(size=(64, 4)))
    for cache in net.caches[:-1]:
        u = cache.activation.z  # what tanh is applied to
        np.testing.assert_allclose(u.mean(axis=0), 0.0, atol=1e-12)
        np.testing.assert_allclose(u.var(axis=0), 1.0, rtol=1e-3)  # var / (var + eps)


def test_running_statistics_track_the_batches_and_serve_test_time():
    rng = np.random.default_rng(2)
    net = MLP([3, 4, 2], activation="tanh", seed=0, normalization="batch")
    batch = rng.normal(3.0, 2.0, size=(50, 3))
    z = batch @ net.weights[0] + net.biases[0]
    net.forward(batch)
    np.testing.assert_allclose(net.running_means[0], BN_MOMENTUM * z.mean(axis=0))
    np.testing.assert_allclose(net.running_vars[0], 1 - BN_MOMENTUM + BN_MOMENTUM * z.var(axis=0))
    for _ in range(200):  # the same batch again and again: the averages converge to its stats
        net.forward(batch)
    np.testing.assert_allclose(net.running_means[0], z.mean(axis=0), rtol=1e-6)
    np.testing.assert_allclose(net.running_vars[0], z.var(axis=0), rtol=1e-6)
    # test time: this batch's images, one at a time, get what the whole batch got in training
    whole = net.forward(batch, training=True)
    means_before = net.running_means[0].copy()
    one_by_one = np.concatenate([net.forward(batch[i:i + 1], training=False)
                                 for i in range(len(batch))])
    np.testing.assert_allclose(one_by_one, whole, atol=1e-4)  # eps: var + 1e-5
    np.testing.assert_array_equal(net.running_means[0], means_before)  # test time changes nothing
    # and in training mode a lone image is normalized to beta: every image looks the same
    lone = [net.forward(batch[i:i + 1], training=True) for i in range(3)]
    np.testing.assert_allclose(lone[0], lone[1]) and np.testing.assert_allclose(lone[1], lone[2])
    assert EPS == 1e-5


def test_parameters_and_gradients_by_name_in_clipping_order():
    net = MLP([3, 4, 4, 2], normalization="batch", seed=0)
    names = list(net.parameters())
    assert names == ["W1", "W2", "W3", "b1", "b2", "b3", "gamma1", "gamma2", "beta1", "beta2"]
    with pytest.raises(ValueError, match="forward"):
        net.gradients()
    net.forward(np.ones((5, 3)))
    net.backward(np.ones((5, 2)))
    assert list(net.gradients()) == names
    before = net.weights[1]
    net.apply_changes({"W2": np.ones((4, 4)), "gamma1": np.full(4, 0.5)})
    np.testing.assert_allclose(net.weights[1], before + 1.0)
    np.testing.assert_allclose(net.gammas[0], 1.5)
    assert before is not net.weights[1]  # a new array
    for bad in ("gamma3", "W4", "W0", "V1", "W"):
        with pytest.raises(ValueError, match="no parameter named"):
            net.apply_changes({bad: 1.0})
    assert list(MLP([3, 4, 2], seed=0).parameters()) == ["W1", "W2", "b1", "b2"]


def test_bad_normalization_is_named():
    with pytest.raises(ValueError, match="normalization must be one of 'none', 'batch'"):
        MLP([3, 4, 2], normalization="layer")


def test_the_gradient_check_catches_a_batch_norm_backward_that_forgets_the_batch(monkeypatch):
    """The check has teeth: treating the batch mean and variance as constants (a typical slip,
    right only at test time) gives a wrong dL/dW."""
    import helpers.math.stack as stack

    def forgetful(dout, cache):
        return cache.inv_std * cache.gamma * dout, (dout * cache.x_hat).sum(axis=0), dout.sum(axis=0)

    monkeypatch.setattr(stack, "norm_backward", forgetful)
    net, rng = batchnorm_net("tanh", "plain")
    X, dout = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    net.forward(X)
    grads = net.backward(dout)
    numeric = numerical_gradient(lambda: net.forward(X), net.weights[0], dout)
    assert rel_error(grads["weights"][0], numeric) > 1e-3
