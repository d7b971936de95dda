"""Reference answers for notebook 07. The numbers are computed without the checkers' solver
(helpers.theory.meanfield): a Gauss-Hermite rule in z (accurate here, where q* stays near 1) and
plain fixed-point iteration."""
import math

import numpy as np

_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(101)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()  # E[f(z)] for z ~ N(0, 1) is sum(weights * f(nodes))


def _chi1(sigma_w2, sigma_b2):
    # iterate the variance map q <- sigma_w2 E[tanh(sqrt(q) z)^2] + sigma_b2 to its fixed point,
    # then chi_1 = sigma_w2 E[tanh'(sqrt(q*) z)^2]
    q = 1.0
    for _ in range(2000):
        q = sigma_w2 * np.sum(_WEIGHTS * np.tanh(math.sqrt(q) * _NODES) ** 2) + sigma_b2
    slope = 1.0 - np.tanh(math.sqrt(q) * _NODES) ** 2
    return float(sigma_w2 * np.sum(_WEIGHTS * slope**2))


def critical_sigma_w2(sigma_b2=0.2):
    # chi_1 grows with sigma_w2 along sigma_b2 = const: bisect for chi_1 = 1
    low, high = 1.0, 4.0
    for _ in range(50):
        middle = 0.5 * (low + high)
        low, high = (middle, high) if _chi1(middle, sigma_b2) < 1 else (low, middle)
    return 0.5 * (low + high)


def layers_to_shrink_gradient(sigma_w2=1.5, sigma_b2=0.05, factor=1000):
    # chi_1 multiplies the mean squared gradient, so the norm changes by sqrt(chi_1) per layer:
    # the first whole L with sqrt(chi_1)**L < 1/factor
    per_layer = math.sqrt(_chi1(sigma_w2, sigma_b2))
    layers, norm = 0, 1.0
    while norm >= 1 / factor:
        layers, norm = layers + 1, norm * per_layer
    return layers


def spectrum_spread():
    # the mean of s^2 stays at 1 while its variance grows like L: a few directions grow, many
    # shrink (the notebook's table and tests/test_isometry.py show it)
    return "c"


def edge_direction():
    # a larger sigma_b2 means a larger q*, a flatter tanh and a smaller E[tanh'^2], so chi_1 = 1
    # needs a larger sigma_w2: critical_sigma_w2(0.2) = 2.285 > 1.761
    return "b" if critical_sigma_w2(0.2) > critical_sigma_w2(0.05) else "a"
