"""The mean-field solver (q*, chi_1, depth scale, critical line) and its check by simulation."""
import math

import numpy as np
import pytest

from helpers.theory import meanfield as mf
from helpers.math.gradcheck import numerical_gradient, rel_error



def riemann_expectation(f, variance):
    """E[f(sqrt(variance) z)] by a plain Riemann sum over a fine grid in z, independent of the
    module's trapezoid in h: 2.4 million points over |z| <= 12, spacing 1e-5, so even the spike
    tanh'(sqrt(q) z)^2 of width ~1/sqrt(q) = 0.014 at q = 5000 spans about 1400 of them."""
    z = np.linspace(-12.0, 12.0, 2_400_001)
    density = np.exp(-z * z / 2) / np.sqrt(2 * np.pi)
    return float(np.sum(f(np.sqrt(variance) * z) * density) * (24.0 / 2_400_000))


@pytest.mark.parametrize("sigma_w2, sigma_b2", [
    (0.5, 0.05), (1.5, 0.05), (2.5, 0.05), (10.0, 0.0), (128.0, 0.0), (1000.0, 0.1), (5000.0, 0.0)])
def test_fixed_point_and_chi1_agree_with_an_independent_integral(sigma_w2, sigma_b2):
    q_star = float(mf.fixed_point_variance(sigma_w2, sigma_b2))
    mapped = sigma_w2 * riemann_expectation(lambda h: np.tanh(h) ** 2, q_star) + sigma_b2
    assert mapped == pytest.approx(q_star, rel=1e-7)
    slope_squared = riemann_expectation(lambda h: (1 - np.tanh(h) ** 2) ** 2, q_star)
    assert float(mf.chi1(sigma_w2, sigma_b2)) == pytest.approx(sigma_w2 * slope_squared, rel=1e-7)


def test_large_weights_on_tanh_are_chaotic_not_vanishing():
    # N(0, 1) weights in width 128: sigma_w2 = 128. A fixed 201-node Gauss-Hermite rule gave
    # q* = 115.95 and chi_1 = 11.33 here; the spike tanh'(sqrt(q) z)^2 needs a finer grid.
    assert float(mf.fixed_point_variance(128.0, 0.0)) == pytest.approx(118.66, abs=0.01)
    assert float(mf.chi1(128.0, 0.0)) == pytest.approx(6.24, abs=0.01)


@pytest.mark.parametrize("q", [0.0, 1e-12, 1e-4, 0.3, 1.0, 7.0, 50.0, 3000.0, 1e6])
def test_the_two_mean_field_integrals_at_any_variance(q):
    if q > 1e-4:
        expected_tanh2 = riemann_expectation(lambda h: np.tanh(h) ** 2, q)
        expected_slope2 = riemann_expectation(lambda h: (1 - np.tanh(h) ** 2) ** 2, q)
    else:  # too narrow for the grid in z: the Taylor series, E[h^2k] = (2k-1)!! q^k
        expected_tanh2 = q - 2 * q**2 + 17 / 3 * q**3  # tanh^2 = h^2 - 2h^4/3 + 17h^6/45
        expected_slope2 = 1 - 2 * q + 5 * q**2  # sech^4 = 1 - 2h^2 + 5h^4/3
    assert mf.mean_tanh_squared(q) == pytest.approx(expected_tanh2, rel=1e-7, abs=1e-300)
    assert mf.mean_tanh_slope_squared(q) == pytest.approx(expected_slope2, rel=1e-7)


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
    unit_weights, unit_biases, inputs, output_grad = mf.unit_draws(4, 6, 3, seed=2)
    weights, biases = [1.3 * W for W in unit_weights], [0.2 * b for b in unit_biases]
    h0 = 0.8 * inputs
    _, grads = mf.tanh_net_forward_backward(h0, weights, biases, output_grad)

    def output():
        return mf.tanh_net_forward_backward(h0, weights, biases, output_grad)[0]

    assert rel_error(grads[0], numerical_gradient(output, h0, output_grad)) < 1e-7
    assert len(grads) == 5 and grads[-1] is output_grad


def test_simulation_rescales_one_draw_per_setting():
    """The simulation's draws are made once at unit scale (LeCun's variance 1/n), read-only:
    every (sigma_w2, sigma_b2) rescales the same numbers."""
    weights, *_ = mf.unit_draws(10, 50, 8, 3)
    assert not weights[0].flags.writeable
    assert np.var(weights[0]) * 50 == pytest.approx(1.0, rel=0.1)  # LeCun: variance 1/n


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
    (lambda: mf.variance_map(-1.0, 1.0, 0.0), "q"),
    (lambda: mf.simulate_gradient_norms(1.0, 0.0, depth=0), "depth"),
    (lambda: mf.simulate_gradient_norms(1.0, 0.0, width=2.5), "width"),
    (lambda: mf.fitted_depth_scale([1.0]), "two"),
])
def test_bad_input_is_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
