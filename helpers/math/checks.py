"""Argument checks with one wording for every error, and the one quiet ``np.errstate``.

Every helper that takes a count, a number, a name or an array checks it here, so bad input
raises a ``ValueError`` that names the argument, says what is allowed and shows what came:

    depth must be a whole number >= 1, got 0
    weight_scale must be a finite number > 0, got -1.0
    activation must be one of 'linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu', got 'tahn'
    x must have shape (N, T, D), got shape (2, 4)
    X must be finite, got NaN or inf in it

Deep networks overflow on purpose: that is the lesson. :func:`quiet_float_errors` computes
inf, 0 and NaN without a flood of RuntimeWarnings; the code that makes them reports them (the
first layer that went inf, the step whose loss was NaN).
"""
import math
import numbers

import numpy as np


def whole_number(name, value, low=1, high=None):
    """``value`` as an int if it is a whole number from ``low`` to ``high`` (both included).

    ``True`` and ``2.0`` are refused: a count is written as a whole number.
    """
    is_whole = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not is_whole or value < low or (high is not None and value > high):
        allowed = f">= {low}" if high is None else f"from {low} to {high}"
        raise ValueError(f"{name} must be a whole number {allowed}, got {value!r}")
    return int(value)


def finite_number(name, value):
    """``value`` as a float if it is a finite real number (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def positive_number(name, value, or_zero=False):
    """``value`` as a float if it is finite and > 0 (``or_zero=True``: >= 0)."""
    is_real = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not (is_real and math.isfinite(value) and (value >= 0 if or_zero else value > 0)):
        raise ValueError(f"{name} must be a finite number {'>= 0' if or_zero else '> 0'}, "
                         f"got {value!r}")
    return float(value)


def choice(name, value, options):
    """``value`` if it is one of ``options`` (a tuple of names, or a dict whose keys they are)."""
    try:
        known = value in options
    except TypeError:  # an unhashable value, e.g. a list, is no name
        known = False
    if not known:
        listed = ", ".join(repr(option) for option in options)
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")
    return value


def finite_array(name, value, ndim, shape):
    """A float64 copy of ``value`` with ``ndim`` dimensions, each of size >= 1, all finite.

    ``shape`` says the expected shape in words, e.g. "(N, T, D)", for the message.
    """
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a numeric array of shape {shape}, "
                         f"got {type(value).__name__}") from None
    if array.ndim != ndim or 0 in array.shape:
        raise ValueError(f"{name} must have shape {shape} (every size >= 1), "
                         f"got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite, got NaN or inf in it")
    return array


def as_rng(seed):
    """A ``np.random.Generator``: ``seed`` itself if it is one, else one seeded with it (a whole
    number >= 0, or a list of them, which numpy mixes into one seed)."""
    if isinstance(seed, np.random.Generator):
        return seed
    entropy = list(seed) if isinstance(seed, (list, tuple)) else [seed]
    if not entropy or any(isinstance(part, bool) or not isinstance(part, numbers.Integral)
                          or part < 0 for part in entropy):
        raise ValueError(f"seed must be a whole number >= 0, a list of them or a "
                         f"np.random.Generator, got {seed!r}")
    return np.random.default_rng(seed)


def quiet_float_errors():
    """A ``with`` block in which overflow, underflow, 0/0 and x/0 give inf, 0 and NaN silently."""
    return np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore")
