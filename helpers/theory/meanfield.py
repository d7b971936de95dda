"""Mean-field theory of a deep tanh network at initialization: q*, chi_1, the depth scale.

A wide network with weights W_ij ~ N(0, sigma_w2 / n) and biases b_i ~ N(0, sigma_b2)
computes h^[l] = phi(h^[l-1]) @ W^[l] + b^[l] with phi = tanh. Over the units of a layer
the pre-activations look Gaussian with variance q^[l], and (z ~ N(0, 1))

    q^[l]  = sigma_w2 * E[phi(sqrt(q^[l-1]) z)^2] + sigma_b2          (the variance map)
    q*     = its fixed point, reached after a few layers
    chi_1  = sigma_w2 * E[phi'(sqrt(q*) z)^2]                          (per-layer gain)
    xi     = -1 / ln(chi_1)                                            (the depth scale)

chi_1 is the factor by which one layer multiplies the squared length of a small
perturbation (and, backwards, of a gradient): chi_1 < 1 is the *ordered* phase (signals
and gradients fade over about xi layers), chi_1 > 1 the *chaotic* one (nearby inputs fly
apart), chi_1 = 1 the *edge of chaos*, where xi is infinite. The theory is from Poole et
al. (2016) and Schoenholz et al. (2017).

Every expectation over z ~ N(0, 1) is :func:`helpers.math.gaussian.gaussian_expectation`, a
trapezoid sum over a grid in h = sqrt(q) z, free of Monte Carlo noise, so the printed numbers
are the same on every run. In h the integrands keep their width however large q* is (a fixed
set of Gauss-Hermite nodes in z stepped over the spike tanh'(sqrt(q) z)^2 of width ~1/sqrt(q):
201 nodes gave chi_1 = 11.3 instead of 6.24 at sigma_w2 = 128), and the two integrals below
decay within |h| <= 40, so they cost the same at every q (tested against an independent
Riemann sum from sigma_w2 = 0.5 to 5000). Functions accept numbers or arrays (broadcast
together) and return the same shape.
"""
import math
from functools import lru_cache

import numpy as np

from ..math.checks import quiet_float_errors, whole_number
from ..math.gaussian import gaussian_expectation
from ..math.initializers import drawn_once, initialize, rescaled
from ..math.stack import Layer, stack_backward, stack_forward

# sech(h)^2 < 1e-34 beyond |h| = 40: where the two decaying integrands end
DECAY_HALF_WIDTH = 40.0

BISECTION_STEPS = 80  # halvings of the bracket: below float64 resolution of q* <= 100 after ~65


def check_variances(sigma_w2, sigma_b2):
    """Both as float arrays, broadcast together; ValueError unless sigma_w2 > 0, sigma_b2 >= 0."""
    try:
        sigma_w2 = np.asarray(sigma_w2, dtype=float)
        sigma_b2 = np.asarray(sigma_b2, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"sigma_w2 and sigma_b2 must be numbers (or arrays of numbers), "
                         f"got {sigma_w2!r} and {sigma_b2!r}") from None
    if not np.all(np.isfinite(sigma_w2)) or np.any(sigma_w2 <= 0):
        raise ValueError(f"sigma_w2 (the weight variance times n) must be finite and > 0, "
                         f"got {sigma_w2!r}")
    if not np.all(np.isfinite(sigma_b2)) or np.any(sigma_b2 < 0):
        raise ValueError(f"sigma_b2 (the bias variance) must be finite and >= 0, got {sigma_b2!r}")
    return np.broadcast_arrays(sigma_w2, sigma_b2)


def _sech_squared(h):
    return 1.0 / np.cosh(np.minimum(np.abs(h), 350.0)) ** 2  # cosh overflows past ~710


def mean_tanh_squared(q):
    """E[tanh(sqrt(q) z)^2], accurate at any q >= 0 (an array or a number)."""
    q = np.asarray(q, dtype=float)
    # small q: tanh^2 itself (its value ~q is then exact to the last digits); large q: tanh^2 =
    # 1 - sech^2, whose integrand decays, so the grid can stop at |h| = 40
    small = q <= 1.0
    result = np.empty(q.shape)
    result[small] = gaussian_expectation(lambda h: np.tanh(h) ** 2, std=np.sqrt(q[small]))
    result[~small] = 1.0 - gaussian_expectation(_sech_squared, std=np.sqrt(q[~small]),
                                                decays_within=DECAY_HALF_WIDTH)
    return result[()]


def mean_tanh_slope_squared(q):
    """E[tanh'(sqrt(q) z)^2] = E[sech(sqrt(q) z)^4], accurate at any q >= 0."""
    q = np.asarray(q, dtype=float)
    return np.asarray(gaussian_expectation(lambda h: _sech_squared(h) ** 2, std=np.sqrt(q),
                                           decays_within=DECAY_HALF_WIDTH))[()]


def variance_map(q, sigma_w2, sigma_b2):
    """q^[l] from q^[l-1] = q: sigma_w2 * E[tanh(sqrt(q) z)^2] + sigma_b2."""
    sigma_w2, sigma_b2 = check_variances(sigma_w2, sigma_b2)
    q = np.asarray(q, dtype=float)
    if np.any(q < 0) or not np.all(np.isfinite(q)):
        raise ValueError(f"q (a variance) must be finite and >= 0, got {q!r}")
    return (sigma_w2 * mean_tanh_squared(q) + sigma_b2)[()]


def _fixed_point_variance(sigma_w2, sigma_b2):
    low = np.zeros(sigma_w2.shape)
    high = sigma_w2 + sigma_b2
    for _ in range(BISECTION_STEPS):
        middle = 0.5 * (low + high)
        above_diagonal = sigma_w2 * mean_tanh_squared(middle) + sigma_b2 > middle
        low = np.where(above_diagonal, middle, low)
        high = np.where(above_diagonal, high, middle)
    q_star = 0.5 * (low + high)
    # sigma_b2 = 0 and sigma_w2 <= 1: the map lies below the diagonal everywhere but at 0
    return np.where((sigma_b2 == 0) & (sigma_w2 <= 1), 0.0, q_star)


@lru_cache(maxsize=4096)
def _fixed_point_scalar(sigma_w2, sigma_b2):
    return float(_fixed_point_variance(np.asarray(sigma_w2), np.asarray(sigma_b2)))


def _q_star(sigma_w2, sigma_b2):
    """q* for checked arrays; single points are cached (slider figures ask for them often)."""
    if sigma_w2.ndim == 0:
        return np.asarray(_fixed_point_scalar(float(sigma_w2), float(sigma_b2)))
    return _fixed_point_variance(sigma_w2, sigma_b2)


def fixed_point_variance(sigma_w2, sigma_b2):
    """q*, the stable fixed point of :func:`variance_map` (the pre-activation variance deep inside).

    The map starts at sigma_b2 >= 0 for q = 0, is increasing and concave, and never exceeds
    sigma_w2 + sigma_b2 (tanh^2 <= 1), so q* lies in [0, sigma_w2 + sigma_b2] and bisection
    on the sign of map(q) - q finds it. With sigma_b2 = 0, q = 0 is always a fixed point; it
    is the stable one for sigma_w2 <= 1 (then q* = 0), and for sigma_w2 > 1 the signal
    settles at the other, positive one.
    """
    sigma_w2, sigma_b2 = check_variances(sigma_w2, sigma_b2)
    return _q_star(sigma_w2, sigma_b2)[()]


def chi1(sigma_w2, sigma_b2):
    """chi_1 = sigma_w2 * E[tanh'(sqrt(q*) z)^2]: < 1 ordered, > 1 chaotic, = 1 critical."""
    sigma_w2, sigma_b2 = check_variances(sigma_w2, sigma_b2)
    q_star = _q_star(sigma_w2, sigma_b2)
    return (sigma_w2 * mean_tanh_slope_squared(q_star))[()]


def depth_scale(sigma_w2, sigma_b2):
    """xi = 1 / |ln chi_1|: layers over which a perturbation (or gradient) changes by a factor e.

    In the ordered phase this is -1 / ln chi_1 (decay); in the chaotic phase the same
    formula with |.| gives the layers per e-fold of growth. Infinite at chi_1 = 1.
    """
    chi = np.asarray(chi1(sigma_w2, sigma_b2), dtype=float)
    with quiet_float_errors():
        return (1.0 / np.abs(np.log(chi)))[()]


def critical_point_at(q_star):
    """The point (sigma_w2, sigma_b2) on the critical line whose fixed point is ``q_star``.

    chi_1 = 1 fixes sigma_w2 = 1 / E[tanh'(sqrt(q*) z)^2], and q* = map(q*) then fixes
    sigma_b2 = q* - sigma_w2 * E[tanh(sqrt(q*) z)^2]. So the critical line is a curve
    parametrised by q* >= 0; q* = 0 gives (1, 0).
    """
    q_star = np.asarray(q_star, dtype=float)
    if not np.all(np.isfinite(q_star)) or np.any(q_star < 0):
        raise ValueError(f"q_star must be finite and >= 0, got {q_star!r}")
    sigma_w2 = 1.0 / mean_tanh_slope_squared(q_star)
    sigma_b2 = q_star - sigma_w2 * mean_tanh_squared(q_star)
    return sigma_w2[()], sigma_b2[()]


def critical_sigma_w2(sigma_b2):
    """The sigma_w2 at which chi_1 = 1 for this sigma_b2: the critical line of the phase diagram.

    Along the curve of :func:`critical_point_at`, sigma_b2 grows with q*; bisection on q*
    finds the point with the requested sigma_b2 (no Monte Carlo, no nested solve).
    """
    _, sigma_b2 = check_variances(1.0, sigma_b2)
    low = np.zeros(sigma_b2.shape)
    high = np.ones(sigma_b2.shape)
    while np.any(critical_point_at(high)[1] < sigma_b2):
        high = np.where(critical_point_at(high)[1] < sigma_b2, 2.0 * high, high)
    for _ in range(BISECTION_STEPS):
        middle = 0.5 * (low + high)
        below = critical_point_at(middle)[1] < sigma_b2
        low = np.where(below, middle, low)
        high = np.where(below, high, middle)
    q_star = np.where(sigma_b2 == 0, 0.0, 0.5 * (low + high))
    return critical_point_at(q_star)[0]


# ----- the check: a finite network simulated layer by layer ------------------------------

@drawn_once(maxsize=4)
def unit_draws(depth, width, batch, seed):
    """The random draws of :func:`simulate_gradient_norms`, at unit scale (read-only).

    Returns (weights: ``depth`` (width, width) matrices of variance 1/width (LeCun), biases
    (depth, width), inputs (batch, width), output gradients (batch, width)); the simulation
    rescales them for each (sigma_w2, sigma_b2), so a slider figure draws them once.
    """
    rng = np.random.default_rng(seed)
    weights = tuple(initialize("lecun", (width, width), rng) for _ in range(depth))
    biases = rng.standard_normal(size=(depth, width))
    inputs = rng.standard_normal(size=(batch, width))
    output_grads = rng.standard_normal(size=(batch, width))
    return weights, biases, inputs, output_grads


def simulate_gradient_norms(sigma_w2, sigma_b2, depth=50, width=200, batch=8, seed=0):
    """Mean squared gradient per unit, mean(dL/dh^[l] ** 2), for l = 0..depth of a tanh net.

    The net has h^[l] = tanh(h^[l-1]) @ W^[l] + b^[l], l = 1..depth, starts from inputs h^[0]
    at the fixed-point variance q*, and backpropagates a unit-variance random gradient from
    h^[depth]. Returns (depth + 1,) values divided by the one at the top, so the theory
    predicts chi_1 ** (depth - l). The random draws (:func:`unit_draws`) are made once per
    (depth, width, batch, seed): each (sigma_w2, sigma_b2) only rescales them.
    """
    sigma_w2, sigma_b2 = (float(v) for v in check_variances(sigma_w2, sigma_b2))
    for name, value in (("depth", depth), ("width", width), ("batch", batch)):
        whole_number(name, value)
    weights, biases, inputs, output_grads = unit_draws(depth, width, batch, seed)
    sigma_w, sigma_b = math.sqrt(sigma_w2), math.sqrt(sigma_b2)
    q_star = float(fixed_point_variance(sigma_w2, sigma_b2))
    # start at q*: with sigma_b2 = 0 and q* = 0 every signal is 0, so start from q = 1 there
    h0 = inputs * math.sqrt(q_star if q_star > 0 else 1.0)
    with quiet_float_errors():
        _, grads = tanh_net_forward_backward(h0, rescaled(weights, sigma_w),
                                             rescaled(biases, sigma_b), output_grads)
        mean_squares = np.array([np.mean(grad * grad) for grad in grads])
    return mean_squares / mean_squares[depth]


def tanh_net_forward_backward(h0, weights, biases, output_grad):
    """Forward h^[l] = tanh(h^[l-1]) @ W^[l] + b^[l] for l = 1..L, then backward.

    The layers are pre-activation layers of :mod:`helpers.math.stack` (g before the affine
    map). h0: (N, n); weights: L matrices (n, n); biases: L vectors (n,); output_grad:
    dL/dh^[L], (N, n). Returns (h^[L], [dL/dh^[l] for l = 0..L]).
    """
    layers = (Layer(W, b, "tanh", preactivation=True) for W, b in zip(weights, biases))
    forward = list(stack_forward(h0, layers))
    grads = stack_backward(output_grad, [cache for _, cache in forward])
    return forward[-1][0], [g.dx for g in grads] + [output_grad]


def fitted_depth_scale(grad_mean_squares):
    """The depth scale a simulation shows: 1 / |slope| of a straight-line fit of ln(values).

    Returns (xi_measured, chi1_measured) where chi1_measured = exp(-slope) is the average
    per-layer factor going from the output back to the input.
    """
    values = np.asarray(grad_mean_squares, dtype=float)
    layers = np.arange(values.size)
    shown = np.isfinite(values) & (values > 0)
    if shown.sum() < 2:
        raise ValueError("need at least two finite, positive values to fit a depth scale")
    slope = np.polyfit(layers[shown], np.log(values[shown]), 1)[0]
    # values[l] ~ chi1 ** (depth - l), so ln values has slope -ln chi1 in l
    chi1_measured = math.exp(-slope)
    return 1.0 / abs(slope) if slope != 0 else math.inf, chi1_measured
