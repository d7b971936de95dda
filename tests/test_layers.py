"""helpers.math.layers: every forward/backward pair checked against central differences
(float64, relative error below 1e-7)."""
import math

import numpy as np
import pytest

from helpers import ACTIVATION_NAMES, mse_loss, numerical_gradient, rel_error
from helpers.math.layers import (
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
    residual_backward,
    residual_forward,
    softmax_cross_entropy,
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


def test_softmax_cross_entropy_gradient_matches_numerical():
    rng = np.random.default_rng(0)
    logits, labels = rng.normal(size=(5, 4)), rng.integers(0, 4, size=5)
    loss, dlogits = softmax_cross_entropy(logits, labels)
    numeric = numerical_gradient(lambda: np.array(softmax_cross_entropy(logits, labels)[0]),
                                 logits, 1.0)
    assert rel_error(dlogits, numeric) < 1e-7
    # uniform logits: the loss is ln K
    assert softmax_cross_entropy(np.zeros((3, 4)), np.array([0, 1, 2]))[0] == pytest.approx(np.log(4))


def test_softmax_cross_entropy_is_stable_and_reports_overflow_as_nan():
    # huge logits: the max is subtracted first, so exp never overflows
    loss, dlogits = softmax_cross_entropy(np.array([[1000.0, 0.0], [0.0, 1000.0]]),
                                          np.array([0, 0]))
    assert loss == pytest.approx(500.0) and np.all(np.isfinite(dlogits))
    np.testing.assert_allclose(dlogits.sum(axis=1), 0.0, atol=1e-15)  # each row adds up to 0
    # a network that overflowed: NaN loss, no warning, no error (the training loop reports it)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss, _ = softmax_cross_entropy(np.array([[np.inf, 0.0], [1.0, 2.0]]), np.array([1, 0]))
    assert math.isnan(loss)


@pytest.mark.parametrize("logits, labels, phrase", [
    (np.zeros(4), np.array([0]), "logits must have shape"),
    (np.zeros((3, 4)), np.array([0, 1]), "labels must have shape"),
    (np.zeros((2, 4)), np.array([0, 4]), "from 0 to 3"),
    (np.zeros((2, 4)), np.array([0.0, 1.0]), "whole numbers"),
    (np.zeros((2, 4)), np.array([-1, 1]), "from 0 to 3"),
])
def test_softmax_cross_entropy_names_bad_input(logits, labels, phrase):
    with pytest.raises(ValueError, match=phrase):
        softmax_cross_entropy(logits, labels)
