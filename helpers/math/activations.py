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
    """A named activation: ``f(z)`` and its derivative ``df(z)``, both elementwise on z."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    df: Callable[[np.ndarray], np.ndarray]
    saturates: bool  # True when g'(z) -> 0 for large |z| (sigmoid, tanh)


def _sigmoid(z):
    # 0.5 * (1 + tanh(z / 2)) equals 1 / (1 + e^-z) but never overflows for large |z|
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _sigmoid_derivative(z):
    s = _sigmoid(z)
    return s * (1.0 - s)


def _tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t * t


ACTIVATIONS = {
    "linear": Activation("linear", lambda z: z, lambda z: np.ones_like(z), False),
    "sigmoid": Activation("sigmoid", _sigmoid, _sigmoid_derivative, True),
    "tanh": Activation("tanh", np.tanh, _tanh_derivative, True),
    "relu": Activation(
        "relu", lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(z.dtype), False
    ),
    "leaky_relu": Activation(
        "leaky_relu",
        lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
        lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE).astype(z.dtype),
        False,
    ),
}

ACTIVATION_NAMES = tuple(ACTIVATIONS)


def get_activation(name):
    """Return the :class:`Activation` called ``name``; raise ``ValueError`` naming the choices."""
    if isinstance(name, Activation):
        return name
    return ACTIVATIONS[choice("activation", name, ACTIVATION_NAMES)]
