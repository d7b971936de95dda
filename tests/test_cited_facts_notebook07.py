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
