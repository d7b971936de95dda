import numpy as np
import pytest

from helpers import MLP, train
from helpers.models.data import accuracy, make_circles


def test_circles_are_balanced_seeded_and_on_two_rings():
    X, y = make_circles(200, noise=0.0, seed=3)
    assert X.shape == (200, 2) and y.shape == (200, 1)
    assert np.sum(y == 1) == np.sum(y == -1) == 100
    radius = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(radius[y[:, 0] < 0], 0.5)
    np.testing.assert_allclose(radius[y[:, 0] > 0], 1.0)
    X2, y2 = make_circles(200, noise=0.0, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)


def test_a_small_network_learns_the_circles():
    X, y = make_circles(200, noise=0.05, seed=0)
    net = MLP([2, 16, 16, 1], activation="tanh", init="xavier", seed=0)
    before = accuracy(net.forward(X), y)
    train(net, X, y, steps=300, lr=0.1)
    assert accuracy(net.forward(X), y) > 0.95 > before


def test_accuracy_counts_nan_as_wrong_and_checks_shapes():
    assert accuracy(np.array([[1.0], [np.nan]]), np.array([[1.0], [1.0]])) == 0.5
    with pytest.raises(ValueError, match="same shape"):
        accuracy(np.ones((3, 1)), np.ones(3))
    with pytest.raises(ValueError, match="n_samples"):
        make_circles(1)
