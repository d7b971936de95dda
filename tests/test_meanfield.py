"""The mean-field solver (q*, chi_1, depth scale, critical line) and its check by simulation."""
import math

import numpy as np
import pytest

from helpers.theory import meanfield as mf
from helpers.math.gradcheck import numerical_gradient, rel_error



def test_quadrature_matches_known_gaussian_moments():
    assert mf.expectation_at_variance(lambda h: h**2, 2.5) == pytest.approx(2.5, rel=1e-12)
    assert mf.expectation_at_variance(lambda h: h**4, 2.0) == pytest.approx(3 * 4.0, rel=1e-12)
    # the course's reference facts for z ~ N(0, 1)
    assert mf.expectation_at_variance(lambda h: 1 - np.tanh(h) ** 2, 1.0) == pytest.approx(
        0.6057, abs=5e-5)
    assert mf.expectation_at_variance(lambda h: (1 - np.tanh(h) ** 2) ** 2, 1.0) == pytest.approx(
        0.4644, abs=5e-5)


@pytest.mark.parametrize("variance, tolerance", [(0.2, 1e-10), (1.0, 1e-10), (4.0, 1e-6)])
def test_quadrature_agrees_with_a_fine_riemann_sum(variance, tolerance):
    z = np.linspace(-40, 40, 400_001)
    density = np.exp(-z * z / 2) / np.sqrt(2 * np.pi)

    def slope_squared(h):
        return (1 - np.tanh(h) ** 2) ** 2

    riemann = np.sum(slope_squared(np.sqrt(variance) * z) * density) * (z[1] - z[0])
    assert abs(mf.expectation_at_variance(slope_squared, variance) - riemann) < tolerance


def test_critical_point_at_zero_bias_is_one():
    assert mf.critical_sigma_w2(0.0) == 1.0
    assert mf.chi1(1.0, 0.0) == 1.0
    assert mf.fixed_point_variance(1.0, 0.0) == 0.0
    assert mf.chi1(0.9, 0.0) == pytest.approx(0.9)  # q* = 0, tanh'(0) = 1: chi_1 = sigma_w2
    assert mf.chi1(1.1, 0.0) > 1  # chaotic just past it


def test_course_reference_values():
    assert round(float(mf.critical_sigma_w2(0.05)), 2) == 1.76
    assert round(float(mf.chi1(1.0, 0.05)), 2) == 0.76
    assert round(float(mf.depth_scale(1.0, 0.05)), 1) == 3.6
    assert round(float(mf.chi1(1.5, 0.05)), 2) == 0.94
    assert round(float(mf.depth_scale(1.5, 0.05))) == 16


def test_fixed_point_is_a_stable_fixed_point_of_the_variance_map():
    for sigma_w2, sigma_b2 in [(0.5, 0.1), (1.0, 0.05), (1.5, 0.05), (2.0, 0.0), (4.0, 0.3)]:
        q_star = float(mf.fixed_point_variance(sigma_w2, sigma_b2))
        assert mf.variance_map(q_star, sigma_w2, sigma_b2) == pytest.approx(q_star, rel=1e-10)
        # iterating the map from far away lands on the same q*
        q = 5.0
        for _ in range(2000):
            q = float(mf.variance_map(q, sigma_w2, sigma_b2))
        assert q == pytest.approx(q_star, rel=1e-8)


def test_critical_line_has_chi1_equal_one_and_rises():
    sigma_b2 = np.array([0.0, 0.01, 0.05, 0.1, 0.3, 1.0])
    sigma_w2 = mf.critical_sigma_w2(sigma_b2)
    assert np.all(np.diff(sigma_w2) > 0)
    np.testing.assert_allclose(mf.chi1(sigma_w2, sigma_b2), 1.0, atol=1e-9)
    # either side of the line: ordered to the left, chaotic to the right
    assert np.all(mf.chi1(sigma_w2 - 0.05, sigma_b2) < 1)
    assert np.all(mf.chi1(sigma_w2 + 0.05, sigma_b2) > 1)


def test_depth_scale_is_infinite_at_criticality_and_finite_elsewhere():
    assert math.isinf(mf.depth_scale(1.0, 0.0))
    assert mf.depth_scale(0.5, 0.0) == pytest.approx(1 / math.log(2))


def test_simulation_matches_the_predicted_depth_scale():
    for sigma_w2, sigma_b2 in [(1.0, 0.05), (1.5, 0.05), (2.5, 0.05)]:
        grads = mf.simulate_gradient_norms(sigma_w2, sigma_b2, depth=40, width=300, batch=8)
        measured_xi, measured_chi = mf.fitted_depth_scale(grads)
        assert grads[-1] == 1.0
        assert measured_chi == pytest.approx(float(mf.chi1(sigma_w2, sigma_b2)), rel=0.03)
        assert measured_xi == pytest.approx(float(mf.depth_scale(sigma_w2, sigma_b2)), rel=0.25)


def test_simulation_backward_matches_numerical_gradients():
    weights, biases, inputs, output_grad = mf.unit_draws(4, 6, 3, seed=2)
    h0 = 0.8 * inputs
    _, grads = mf.tanh_net_forward_backward(h0, weights, biases, 1.3, 0.2, output_grad)

    def output():
        return mf.tanh_net_forward_backward(h0, weights, biases, 1.3, 0.2, output_grad)[0]

    assert rel_error(grads[0], numerical_gradient(output, h0, output_grad)) < 1e-7
    assert len(grads) == 5 and grads[-1] is output_grad


def test_simulation_is_deterministic():
    a = mf.simulate_gradient_norms(1.5, 0.05, depth=10, width=50, seed=3)
    b = mf.simulate_gradient_norms(1.5, 0.05, depth=10, width=50, seed=3)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("call, match", [
    (lambda: mf.chi1(0.0, 0.05), "sigma_w2"),
    (lambda: mf.chi1(-1.0, 0.05), "sigma_w2"),
    (lambda: mf.chi1(1.0, -0.1), "sigma_b2"),
    (lambda: mf.chi1(float("nan"), 0.0), "sigma_w2"),
    (lambda: mf.fixed_point_variance("big", 0.0), "numbers"),
    (lambda: mf.critical_sigma_w2(-1.0), "sigma_b2"),
    (lambda: mf.critical_point_at(-0.5), "q_star"),
    (lambda: mf.expectation_at_variance(np.tanh, -1.0), "variance"),
    (lambda: mf.simulate_gradient_norms(1.0, 0.0, depth=0), "depth"),
    (lambda: mf.simulate_gradient_norms(1.0, 0.0, width=2.5), "width"),
    (lambda: mf.fitted_depth_scale([1.0]), "two"),
    (lambda: mf.simulate_gradient_norms(1.0, 0.0, depth=5, width=8,
                                        base=mf.unit_draws(4, 8, 8, 0)), "unit_draws"),
])
def test_bad_input_is_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
