"""Notebook 02, gradients follow the same product: per-layer gradient norms of one backward pass.

:func:`gradient_profile` is what the notebook prints and what its slider figure draws: the
matrices, the batch and the output gradient are drawn once per (init, width, seed) at unit
scale; each setting rescales them, and only the two norms per layer are kept in the cache.
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..math.activations import get_activation
from ..math.checks import choice, quiet_float_errors, whole_number
from ..math.initializers import drawn_once, initialize, rescaled
from ..models.network import MLP

GRADIENT_MAX_DEPTH = 200
GRADIENT_BATCH = 16  # enough examples for stable norms; the cost per setting grows with it
GRADIENT_INITS = ("xavier", "he", "lecun")


@dataclass
class GradientProfile:
    """Per-layer gradient sizes of one backward pass, index 0 is layer 1 (the input side).

    weight_grads: (L,) ||dL/dW^[l]||, what gradient descent uses to update W^[l].
    signal_grads: (L,) ||dL/da^[l]||, what backprop carries down (times g'(z) and W^T per layer).
    Only numbers: a cached profile must not keep a network (one at depth 200 is 17 MiB).
    """

    weight_grads: np.ndarray
    signal_grads: np.ndarray

    @property
    def depth(self):
        return len(self.weight_grads)


@drawn_once(maxsize=4)
def unit_draws(init, width, seed):
    """B^[1..GRADIENT_MAX_DEPTH] at unit scale, then the batch X and the output gradient."""
    rng = np.random.default_rng(seed)
    base = tuple(initialize(init, (width, width), rng) for _ in range(GRADIENT_MAX_DEPTH))
    X = rng.standard_normal(size=(GRADIENT_BATCH, width))
    dout = rng.standard_normal(size=(GRADIENT_BATCH, width))
    return base, X, dout


@lru_cache(maxsize=256)
def gradient_profile(depth, weight_scale, activation="tanh", init="xavier", width=64, seed=0):
    """One forward and backward pass through ``depth`` layers W^[l] = weight_scale * B^[l]:
    a :class:`GradientProfile`. The loss is sum(output * dout) for a fixed random dout, as if
    the loss sent back a random gradient of fixed size, on a fixed random batch X."""
    choice("init", init, GRADIENT_INITS)
    depth = whole_number("depth", depth, 1, GRADIENT_MAX_DEPTH)
    get_activation(activation)
    base, X, dout = unit_draws(init, width, seed)
    net = MLP.from_weights(rescaled(base[:depth], weight_scale), activation=activation)
    net.forward(X)
    grads = net.backward(dout)
    with quiet_float_errors():
        weight_grads = np.array([np.linalg.norm(dW) for dW in grads["weights"]])
        signal_grads = np.array([np.linalg.norm(da) for da in grads["activations"][1:]])
    return GradientProfile(weight_grads, signal_grads)
