"""Each initializer produces the variance it promises; identity and orthogonal exactly."""
import math

import numpy as np
import pytest

from helpers import MLP, gain, initialize, variance_scaling

FAN_IN, FAN_OUT = 300, 500
# expected variance of the entries for every random scheme
EXPECTED_VARIANCE = {
    "normal": 1.0,
    "classic_uniform": 1 / (3 * FAN_IN),
    "lecun": 1 / FAN_IN,
    "xavier": 2 / (FAN_IN + FAN_OUT),
    "glorot": 2 / (FAN_IN + FAN_OUT),
    "xavier_uniform": 2 / (FAN_IN + FAN_OUT),
    "he": 2 / FAN_IN,
    "kaiming": 2 / FAN_IN,
    "he_uniform": 2 / FAN_IN,
}


@pytest.mark.parametrize("scheme", sorted(EXPECTED_VARIANCE))
def test_variance_matches_the_formula(scheme):
    W = initialize(scheme, (FAN_IN, FAN_OUT), np.random.default_rng(0))
    # 150,000 entries: the sample variance is within about 0.4% (normal) of the truth, so a
    # 3% tolerance cannot be met by a scheme off by a factor like 2, 3 or (n_in+n_out)/2n_in
    assert W.shape == (FAN_IN, FAN_OUT)
    assert W.var() == pytest.approx(EXPECTED_VARIANCE[scheme], rel=0.03)
    assert abs(W.mean()) < 5 * math.sqrt(EXPECTED_VARIANCE[scheme] / W.size)


def test_uniform_schemes_stay_inside_their_limit():
    W = initialize("xavier_uniform", (FAN_IN, FAN_OUT), np.random.default_rng(1))
    limit = math.sqrt(6 / (FAN_IN + FAN_OUT))
    assert np.max(np.abs(W)) <= limit
    assert np.max(np.abs(W)) > 0.99 * limit  # and actually fill it
    old = initialize("classic_uniform", (FAN_IN, FAN_OUT), np.random.default_rng(1))
    assert np.max(np.abs(old)) <= 1 / math.sqrt(FAN_IN)


def test_variance_scaling_modes():
    rng = np.random.default_rng(2)
    assert variance_scaling((FAN_IN, FAN_OUT), rng, 1.0, "fan_out").var() == pytest.approx(
        1 / FAN_OUT, rel=0.03)


def test_identity_and_zeros_are_exact():
    assert np.array_equal(initialize("identity", (3, 3), None), np.eye(3))
    assert np.array_equal(initialize("identity", (2, 3), None), np.eye(2, 3))
    assert not np.any(initialize("zeros", (4, 2), None))


@pytest.mark.parametrize("shape", [(64, 64), (64, 16), (16, 64)])
def test_orthogonal_is_orthogonal(shape):
    W = initialize("orthogonal", shape, np.random.default_rng(3))
    small = min(shape)
    gram = W.T @ W if shape[0] >= shape[1] else W @ W.T
    np.testing.assert_allclose(gram, np.eye(small), atol=1e-12)


def test_weight_scale_multiplies_the_scheme():
    net = MLP([2] * 6, activation="linear", init="identity", weight_scale=1.5)
    for W in net.weights:
        np.testing.assert_array_equal(W, 1.5 * np.eye(2))
    out = net.forward(np.ones((1, 2)))
    np.testing.assert_allclose(out, 1.5**5 * np.ones((1, 2)), rtol=1e-15)


def test_same_seed_same_weights_other_seed_other_weights():
    a = MLP([4, 8, 1], init="he", seed=11)
    b = MLP([4, 8, 1], init="he", seed=11)
    c = MLP([4, 8, 1], init="he", seed=12)
    assert np.array_equal(a.weights[0], b.weights[0])
    assert not np.array_equal(a.weights[0], c.weights[0])


@pytest.mark.parametrize(
    "activation, expected",
    [("linear", 1.0), ("sigmoid", 1.0), ("tanh", 5 / 3), ("relu", math.sqrt(2)),
     ("leaky_relu", math.sqrt(2 / (1 + 0.01**2)))],
)
def test_gain(activation, expected):
    assert gain(activation) == pytest.approx(expected, rel=1e-12)


def test_gain_of_leaky_relu_with_another_slope():
    assert gain("leaky_relu", negative_slope=0.2) == pytest.approx(math.sqrt(2 / 1.04))
