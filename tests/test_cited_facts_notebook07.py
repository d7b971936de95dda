"""Facts notebook 07 states in prose, computed here independently.

Schoenholz, Gilmer, Ganguli & Sohl-Dickstein, "Deep Information Propagation" (ICLR 2017): random
tanh networks trained when their depth was below about 6 xi_c, where xi_c = -1 / ln chi_c is the
depth scale over which the correlation c between two inputs' pre-activations reaches its fixed
point c*, and chi_c = sigma_w2 E[tanh'(u1) tanh'(u2)] at c* (u1, u2 Gaussian with variance q* and
correlation c*). On the ordered side c* = 1, so chi_c = chi_1 and xi_c = -1 / ln chi_1 (the
notebook's xi); on the chaotic side c* < 1 and xi_c is another number.
"""
import math

import numpy as np
import pytest

from helpers.theory.meanfield import chi1, depth_scale, fixed_point_variance

_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(120)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()
_Z1, _Z2 = np.meshgrid(_NODES, _NODES, indexing="ij")
_W = np.outer(_WEIGHTS, _WEIGHTS)  # 2-D Gauss-Hermite: E[f(z1, z2)] for independent N(0, 1)


def _pair(q, c):
    u1 = math.sqrt(q) * _Z1
    u2 = math.sqrt(q) * (c * _Z1 + math.sqrt(max(1.0 - c * c, 0.0)) * _Z2)
    return u1, u2


def correlation_depth_scale(sigma_w2, sigma_b2):
    """(xi_c, c*) from the correlation map of the mean-field theory (q* near 1: Gauss-Hermite is
    accurate there)."""
    q = float(fixed_point_variance(sigma_w2, sigma_b2))
    c = 0.5
    for _ in range(3000):  # the correlation map, iterated to its stable fixed point
        u1, u2 = _pair(q, c)
        c = (sigma_w2 * np.sum(_W * np.tanh(u1) * np.tanh(u2)) + sigma_b2) / q
    u1, u2 = _pair(q, c)
    chi_c = sigma_w2 * np.sum(_W * (1 - np.tanh(u1) ** 2) * (1 - np.tanh(u2) ** 2))
    return -1.0 / math.log(chi_c), c


@pytest.mark.parametrize("sigma_w2", [1.0, 1.5])
def test_on_the_ordered_side_xi_c_is_the_depth_scale_of_chi_1(sigma_w2):
    xi_c, c_star = correlation_depth_scale(sigma_w2, 0.05)
    assert chi1(sigma_w2, 0.05) < 1
    assert c_star > 1 - 1e-6
    assert xi_c == pytest.approx(float(depth_scale(sigma_w2, 0.05)), rel=1e-3)


def test_on_the_chaotic_side_xi_c_differs():
    # the notebook: at sigma_w2 = 2.5, sigma_b2 = 0.05, xi_c is about 12 layers, 1/ln chi_1 is 8.0
    xi_c, c_star = correlation_depth_scale(2.5, 0.05)
    assert chi1(2.5, 0.05) > 1
    assert c_star < 0.5
    assert 11.5 < xi_c < 12.1, xi_c
    assert float(depth_scale(2.5, 0.05)) == pytest.approx(7.98, abs=0.01)


def test_six_depth_scales_at_the_printed_ordered_points():
    # the notebook: 6 xi is about 22 layers at sigma_w2 = 1 and about 95 at 1.5 (sigma_b2 = 0.05)
    assert round(6 * float(depth_scale(1.0, 0.05))) == 22
    assert round(6 * float(depth_scale(1.5, 0.05))) == 95


# ----- section 3: what normalization does to the gradient at initialization --------------------
# Issue 21, item 7: batch norm has a gradient explosion of its own that grows as the batch
# shrinks, even in a linear network (Yang et al. 2019, "A mean field theory of batch
# normalization"); layer norm's factor is set by the activation alone. The notebook prints the
# per-layer factor of the mean squared gradient (3 draws, 50 layers, width 128, LeCun weights).

from helpers.math.gaussian import gaussian_expectation  # noqa: E402
from helpers.course.notebook07 import normalized_network_profile  # noqa: E402

BATCHES = (8, 32, 128)


def per_layer_factor(normalization, activation, batch, seeds=range(3), depth=50, width=128):
    """The notebook's measurement: (rms grad at a^[0] / at a^[L]) ** (2 / L), averaged over seeds."""
    factors = []
    for seed in seeds:
        _, grad_rms = normalized_network_profile(depth, width, 1.0, normalization,
                                                 activation=activation, batch=batch, seed=seed)
        factors.append((grad_rms[0] / grad_rms[-1]) ** (2 / depth))
    return float(np.mean(factors))


@pytest.fixture(scope="module")
def factors():
    return {(activation, normalization, batch): per_layer_factor(normalization, activation, batch)
            for activation in ("linear", "tanh") for normalization in ("layer", "batch")
            for batch in BATCHES}


def test_batch_norm_explodes_even_in_a_linear_network_and_faster_for_smaller_batches(factors):
    linear = [factors["linear", "batch", batch] for batch in BATCHES]
    assert linear[0] > 1.12, linear  # about 1.17: x 2,600 in the mean square over 50 layers
    assert linear[0] > linear[1] + 0.1 > linear[2] + 0.1, linear
    assert linear[2] < 1.02, linear


def test_layer_norm_leaves_a_linear_network_at_one_whatever_the_batch(factors):
    for batch in BATCHES:
        assert abs(factors["linear", "layer", batch] - 1) < 0.02, batch


def test_layer_norm_tanh_follows_the_wide_network_rate(factors):
    rate = (gaussian_expectation(lambda z: (1 - np.tanh(z) ** 2) ** 2)
            / gaussian_expectation(lambda z: np.tanh(z) ** 2))
    assert rate == pytest.approx(1.178, abs=5e-4)
    for batch in BATCHES:
        assert abs(factors["tanh", "layer", batch] - rate) < 0.04, batch


def test_batch_norm_adds_to_the_tanh_rate_most_at_small_batches(factors):
    excess = [factors["tanh", "batch", batch] - factors["tanh", "layer", batch] for batch in BATCHES]
    assert all(value > 0 for value in excess), excess
    assert excess[0] > 0.1 and excess[0] > excess[1] > excess[2] - 0.01, excess


@pytest.mark.parametrize("normalization", ["layer", "batch"])
def test_normalization_makes_the_forward_pass_ignore_the_weight_scale(normalization):
    stds = [normalized_network_profile(50, 128, scale, normalization, batch=32, seed=0)[0][-1]
            for scale in (0.5, 1.0, 3.0)]
    assert max(stds) - min(stds) < 1e-3 * max(stds), stds
    plain = [normalized_network_profile(50, 128, scale, "none", batch=32, seed=0)[0][-1]
             for scale in (0.5, 3.0)]
    assert plain[0] < 1e-10 < 0.5 < plain[1]


# ----- section 2: large weights make tanh chaotic, not vanishing --------------------------------

def test_large_weights_are_chaotic_although_more_units_saturate():
    # the notebook: at sigma_w2 = 4, sigma_b2 = 0.05, q* is about 2.2 and chi_1 about 1.34
    assert float(fixed_point_variance(4.0, 0.05)) == pytest.approx(2.2, abs=0.05)
    assert float(chi1(4.0, 0.05)) == pytest.approx(1.34, abs=0.005)
    # more units on tanh's flat tails (|tanh| > 0.97) than at LeCun's point ...
    def saturated(sigma_w2):
        spread = math.sqrt(float(fixed_point_variance(sigma_w2, 0.05)))
        return gaussian_expectation(lambda z: (np.abs(np.tanh(spread * z)) > 0.97).astype(float))
    assert saturated(4.0) > 0.1 > 100 * saturated(1.0)
    # ... and still the mean squared gradient grows per layer, in a simulated network too
    from helpers.theory.meanfield import fitted_depth_scale, simulate_gradient_norms
    grads = simulate_gradient_norms(4.0, 0.05, depth=50, width=300, batch=8, seed=0)
    assert fitted_depth_scale(grads)[1] > 1.2
