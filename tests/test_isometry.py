"""Singular values of the input-output Jacobian: the deep linear facts and the tanh case."""

import numpy as np
import pytest

from helpers.theory import isometry
from helpers.math.gradcheck import rel_error
from helpers.theory.meanfield import critical_sigma_w2, fixed_point_variance



def test_deep_linear_gaussian_variance_of_s2_grows_like_depth():
    # the course's fact: width 400, Var(W) = 1/n -> mean s^2 ~ 1 and Var(s^2) ~ L (L << n)
    depths = [1, 2, 5, 10, 20]
    values = isometry.jacobian_singular_values(depths, 400, "gaussian", "linear", seed=0)
    means, variances = isometry.squared_singular_value_moments(values)
    np.testing.assert_allclose(means, 1.0, atol=0.06)
    np.testing.assert_allclose(variances / means**2, depths, rtol=0.2)


def test_deep_linear_orthogonal_keeps_every_singular_value_at_one():
    values = isometry.jacobian_singular_values([1, 10, 30], 400, "orthogonal", "linear", seed=0)
    np.testing.assert_allclose(values, 1.0, atol=1e-10)


def test_tanh_at_criticality_orthogonal_is_tighter_than_gaussian():
    sigma_b2 = 1e-4
    sigma_w2 = float(critical_sigma_w2(sigma_b2))
    low = {}
    for kind in isometry.WEIGHT_KINDS:
        s = isometry.jacobian_singular_values([50], 100, kind, "tanh", sigma_w2, sigma_b2)[0]
        low[kind] = np.percentile(s, 5)
        assert np.percentile(s, 95) < 4
    # Gaussian weights leave many directions practically dead; orthogonal ones do not
    assert low["gaussian"] < 0.01 and low["orthogonal"] > 0.2


def test_jacobian_matches_finite_differences():
    # the Jacobian the SVD is taken of, rebuilt here by finite differences of the forward pass
    width, depth, sigma_w2, sigma_b2 = 6, 4, 1.3, 0.05
    x, layers = isometry.unit_draws("gaussian", width, depth, 0)

    def forward_from_a(a):
        for W, b in layers:
            a = np.tanh(a @ (np.sqrt(sigma_w2) * W) + np.sqrt(sigma_b2) * b)
        return a

    # the Jacobian is with respect to a^[0] = tanh(h^[0]), h^[0] at the fixed point q*
    a0 = np.tanh(np.sqrt(float(fixed_point_variance(sigma_w2, sigma_b2))) * x)
    step = 1e-6
    numeric = np.empty((width, width))
    for i in range(width):
        plus, minus = a0.copy(), a0.copy()
        plus[i] += step
        minus[i] -= step
        numeric[i] = (forward_from_a(plus) - forward_from_a(minus)) / (2 * step)
    expected = np.linalg.svd(numeric, compute_uv=False)
    got = isometry.jacobian_singular_values([depth], width, "gaussian", "tanh", sigma_w2,
                                            sigma_b2)[0]
    assert rel_error(got, expected) < 1e-7


def test_singular_values_agree_with_svd():
    matrix = np.random.default_rng(1).normal(size=(30, 30))
    np.testing.assert_allclose(isometry.singular_values(matrix),
                               np.linalg.svd(matrix, compute_uv=False), rtol=1e-9)


@pytest.mark.parametrize("call, match", [
    (lambda: isometry.jacobian_singular_values([3, 2], 10), "increasing"),
    (lambda: isometry.jacobian_singular_values([0], 10), "depth"),
    (lambda: isometry.jacobian_singular_values([2], 0), "width"),
    (lambda: isometry.jacobian_singular_values([2], 10, kind="uniform"), "'gaussian', 'orthogonal'"),
    (lambda: isometry.jacobian_singular_values([2], 10, activation="relu"), "'linear', 'tanh'"),
    (lambda: isometry.jacobian_singular_values([2], 10, sigma_w2=0), "sigma_w2"),
])
def test_bad_input_is_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
