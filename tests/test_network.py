"""Every backward pass of the MLP checked against central differences (float64, rel error < 1e-7)."""
import numpy as np
import pytest

from helpers import ACTIVATION_NAMES, MLP, mse_loss, numerical_gradient, rel_error
from helpers.math.layers import (
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
    residual_backward,
    residual_forward,
)

TOLERANCE = 1e-7


def _away_from_kink(rng, shape):
    # ReLU's derivative jumps at 0; central differences across the jump are meaningless
    values = rng.normal(size=shape)
    return np.where(np.abs(values) < 0.1, np.sign(values) * 0.1 + values, values)


def test_affine_backward_matches_numerical():
    rng = np.random.default_rng(0)
    x, W, b = rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    dout = rng.normal(size=(5, 3))
    dx, dW, db = affine_backward(dout, affine_forward(x, W, b)[1])
    assert rel_error(dx, numerical_gradient(lambda: affine_forward(x, W, b)[0], x, dout)) < TOLERANCE
    assert rel_error(dW, numerical_gradient(lambda: affine_forward(x, W, b)[0], W, dout)) < TOLERANCE
    assert rel_error(db, numerical_gradient(lambda: affine_forward(x, W, b)[0], b, dout)) < TOLERANCE


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_activation_backward_matches_numerical(activation):
    rng = np.random.default_rng(1)
    z = _away_from_kink(rng, (6, 5))
    dout = rng.normal(size=z.shape)
    dz = activation_backward(dout, activation_forward(z, activation)[1])
    numeric = numerical_gradient(lambda: activation_forward(z, activation)[0], z, dout)
    assert rel_error(dz, numeric) < TOLERANCE


def test_residual_backward_matches_numerical():
    rng = np.random.default_rng(2)
    x, branch = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    dout = rng.normal(size=(4, 3))
    dx, dbranch = residual_backward(dout, residual_forward(x, branch, 0.3)[1])
    assert rel_error(dx, numerical_gradient(lambda: residual_forward(x, branch, 0.3)[0], x, dout)) < TOLERANCE
    assert rel_error(dbranch, numerical_gradient(lambda: residual_forward(x, branch, 0.3)[0], branch, dout)) < TOLERANCE


def test_mse_gradient_matches_numerical():
    rng = np.random.default_rng(3)
    pred, target = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    _, dpred = mse_loss(pred, target)
    numeric = numerical_gradient(lambda: np.array(mse_loss(pred, target)[0]), pred, 1.0)
    assert rel_error(dpred, numeric) < TOLERANCE


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
        inputs = np.concatenate([net._caches[l][1][0].ravel() for l in range(net.depth)])
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

    wrong = activations.Activation("tanh", np.tanh, lambda z: 1.0 - np.tanh(z), True)
    monkeypatch.setitem(activations.ACTIVATIONS, "tanh", wrong)
    rng = np.random.default_rng(6)
    net = MLP([3, 5, 5, 2], activation="tanh", seed=7)
    X, dout = rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
    net.forward(X)
    grads = net.backward(dout)
    numeric = numerical_gradient(lambda: net.forward(X), net.weights[0], dout)
    assert rel_error(grads["weights"][0], numeric) > 1e-3
