"""Activation functions g(z) and their derivatives g'(z), kept in one registry.

Every activation is looked up by name through :func:`get_activation`, so a typo gets a
clear error listing the names that exist instead of a ``KeyError`` from deep inside.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .checks import choice

LEAKY_SLOPE = 0.01  # the slope leaky ReLU keeps for z < 0 (PyTorch's default)
# |tanh(z)| above this counts as saturated (Karpathy's threshold): then
# tanh'(z) < 1 - 0.97**2, and the unit passes on less than 6% of its gradient
SATURATION_LEVEL = 0.97


@dataclass(frozen=True)
class Activation:
    """A named activation: ``f(z)`` and its derivative ``df(z)``, both elementwise on z, and
    the same derivative from the output a = f(z), ``df_from_output(a)`` (tanh' = 1 - a^2):
    a backward pass that kept a need not compute f again."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    df: Callable[[np.ndarray], np.ndarray]
    saturates: bool  # True when g'(z) -> 0 for large |z| (sigmoid, tanh)
    df_from_output: Callable[[np.ndarray], np.ndarray]


def _sigmoid(z):
    # 0.5 * (1 + tanh(z / 2)) equals 1 / (1 + e^-z) but never overflows for large |z|
    return 0.5 * (1.0 + np.tanh(0.5 * z))


# each derivative is written once, from the output a = g(z); df(z) is df_from_output(g(z))
def _sigmoid_slope(s):
    return s * (1.0 - s)


def _tanh_slope(t):
    return 1.0 - t * t


def _relu_slope(a):
    return (a > 0).astype(a.dtype)  # a > 0 exactly where z > 0


def _leaky_relu_slope(a):
    return np.where(a > 0, 1.0, LEAKY_SLOPE).astype(a.dtype)  # the sign of a is that of z


def _leaky_relu(z):
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def _relu(z):
    return np.maximum(z, 0.0)


def _identity(z):
    return z


def _ones(a):
    return np.ones_like(a)


def _activation(name, f, slope, saturates):
    return Activation(name, f, lambda z: slope(f(z)), saturates, slope)


ACTIVATIONS = {
    "linear": _activation("linear", _identity, _ones, False),
    "sigmoid": _activation("sigmoid", _sigmoid, _sigmoid_slope, True),
    "tanh": _activation("tanh", np.tanh, _tanh_slope, True),
    "relu": _activation("relu", _relu, _relu_slope, False),
    "leaky_relu": _activation("leaky_relu", _leaky_relu, _leaky_relu_slope, False),
}

ACTIVATION_NAMES = tuple(ACTIVATIONS)


def get_activation(name):
    """Return the :class:`Activation` called ``name``; raise ``ValueError`` naming the choices."""
    if isinstance(name, Activation):
        return name
    return ACTIVATIONS[choice("activation", name, ACTIVATION_NAMES)]
