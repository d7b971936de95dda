"""Statistics of arrays whose values may sit near the ends of float64.

A deep network at initialization easily holds activations of 1e200 and gradients of 1e-300.
Squaring 1e200 overflows to inf although the value itself is finite, so a plain norm or
standard deviation reports an overflow that did not happen. :func:`scale_safe` is the one
way the package takes a norm, a std or an RMS of such values.
"""
import math

import numpy as np

from .checks import quiet_float_errors


def rms(values, axis=None):
    """sqrt(mean(values**2)): the root mean square, the size of a typical entry."""
    return np.sqrt(np.mean(values * values, axis=axis))


def global_norm(arrays):
    """sqrt of the sum of every entry squared over all ``arrays`` together: the length of the
    whole gradient, the quantity gradient clipping looks at."""
    return math.sqrt(sum(float(np.sum(array * array)) for array in arrays))


def scale_safe(statistic, values, axis=None):
    """``statistic(values, axis=axis)`` computed without overflowing on the way.

    ``statistic`` must scale with its input, statistic(c * x) = c * statistic(x) for c > 0,
    as a norm, a standard deviation, an RMS or a mean of sizes do. It is taken of
    values / max|values| (along ``axis``) and multiplied back. Where the values hold inf or
    NaN (what an overflow leaves behind), the result is inf.
    """
    values = np.asarray(values, dtype=float)
    with quiet_float_errors():
        largest = np.max(np.abs(values), axis=axis, keepdims=True)
        usable = (largest > 0) & np.isfinite(largest)
        scale = np.where(usable, largest, 1.0)
        result = np.squeeze(scale, axis) * statistic(values / scale, axis=axis)
    return np.where(np.isfinite(np.squeeze(largest, axis)), result, np.inf)[()]


def percent_histogram(values, edges):
    """The % of ``values`` in each bin between consecutive ``edges``; values outside the
    edges are counted in the first or last bin, so the percentages add up to 100."""
    values = np.asarray(values, dtype=float)
    counts, _ = np.histogram(np.clip(values, edges[0], edges[-1]), bins=edges)
    return 100.0 * counts / max(values.size, 1)


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is >= ``value`` (> 0).

    Ranges rounded up to such numbers stay the same for nearby data, so an axis (and its
    slow tick labels) need not be drawn again on every slider move.
    """
    if not value > 0:
        raise ValueError(f"value must be a finite number > 0, got {value!r}")
    power = 10.0 ** np.floor(np.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if step * power >= value * (1 - 1e-12):
            return float(step * power)
    return float(10 * power)
