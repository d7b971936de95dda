"""Expectations over a Gaussian, computed exactly enough to print (no sampling noise).

The one Gaussian expectation of the package: the mean-field theory
(:mod:`helpers.theory.meanfield`) takes its integrals from here too.

E[f(z)] for z ~ N(mean, std^2) is a trapezoid sum over a grid of z values, weighted by the
normal density:

    E[f(z)] = integral of f(z) exp(-(z - mean)^2 / (2 std^2)) / (sqrt(2 pi) std) dz

Why not Gauss–Hermite nodes in the standardised variable (mean + std * x_k)? Once std is large,
tanh'(z)^2 is a spike of width ~1/std in x, and a fixed set of nodes steps over it (201 nodes
gave the mean field chi_1 = 11.3 instead of 6.24 at sigma_w2 = 128). On a grid in z itself the
activations keep their width, and the grid spacing can be fixed: MAX_STEP = 0.05. For functions
with no singularity within pi/2 of the real axis (tanh and sech have their poles exactly there)
the trapezoid rule's error is then ~exp(-pi^2 / 0.05), far below float64 resolution; for a
narrow Gaussian the grid is finer still (24 std / GRID_POINTS), so the density is resolved too.
The grid covers 12 std either side of the mean (the density is below e^-72 beyond) and never
has a node at the mean, so a step at 0 (relu') splits exactly in half when mean = 0.

A function that vanishes for |z| > R (such as tanh'(z)^2 = sech(z)^4, below 1e-68 past 40) can
say so with ``decays_within=R``: the grid then stops there, and any std costs the same.
"""
import math

import numpy as np

GRID_POINTS = 1600  # at least this many points (even: no node at the mean)
MAX_STEP = 0.05  # and a spacing in z no larger than this
REACH_IN_STDS = 12.0  # the grid covers mean -/+ 12 std


def gaussian_expectation(f, mean=0.0, std=1.0, decays_within=None):
    """E[f(z)] for z ~ N(mean, std**2); ``f`` maps an array of z to an array of values.

    ``mean`` and ``std`` may be numbers or arrays (broadcast together): the result has their
    shape, one expectation per (mean, std), a float when both are numbers. ``std = 0`` gives
    f(mean). ``decays_within=R``: f(z) is negligible for |z| > R, so the grid stops there.
    """
    if not callable(f):
        raise ValueError(f"f must be a function of an array z, got {f!r}")
    mean = _finite_numbers("mean", mean)
    std = _finite_numbers("std", std, at_least_zero=True)
    if decays_within is not None:
        _finite_numbers("decays_within", decays_within, at_least_zero=True)
    mean, std = np.broadcast_arrays(mean, std)
    expectation = _trapezoid(f, mean, std, decays_within)
    return float(expectation) if expectation.ndim == 0 else expectation


def _trapezoid(f, mean, std, decays_within):
    """The sum itself, for checked float arrays ``mean`` and ``std`` of one shape."""
    low = mean - REACH_IN_STDS * std
    high = mean + REACH_IN_STDS * std
    if decays_within is not None:
        low = np.clip(low, -decays_within, decays_within)
        high = np.clip(high, -decays_within, decays_within)
    widest = float(np.max(high - low, initial=0.0))
    points = max(GRID_POINTS, math.ceil(widest / MAX_STEP) + 1)
    points += points % 2
    step = (high - low) / (points - 1)
    z = low[..., None] + step[..., None] * np.arange(points)  # (..., points)
    safe_std = np.where(std > 0, std, 1.0)[..., None]
    density = np.exp(-0.5 * ((z - mean[..., None]) / safe_std) ** 2) \
        / (math.sqrt(2 * math.pi) * safe_std)
    values = np.asarray(f(z), dtype=float)
    # the trapezoid rule: every node weighs `step`, the two ends half (their density is ~0)
    weights = np.ones(points)
    weights[[0, -1]] = 0.5
    integral = (values * density) @ weights * step
    return np.where(std > 0, integral, np.asarray(f(mean), dtype=float))


def _finite_numbers(name, value, at_least_zero=False):
    """``value`` (a number or an array of numbers) as a float array, checked."""
    bound = " >= 0" if at_least_zero else ""
    try:
        array = np.asarray(value, dtype=float)
        valid = not isinstance(value, (str, bytes, bool)) and np.all(np.isfinite(array)) \
            and (not at_least_zero or np.all(array >= 0))
    except (TypeError, ValueError):
        valid = False
    if not valid:
        raise ValueError(f"{name} must be a finite number{bound} (or an array of them), "
                         f"got {value!r}")
    return array
