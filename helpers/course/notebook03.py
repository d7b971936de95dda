"""Notebook 03, activation derivatives: histograms of every hidden layer's activations and gradients.

:func:`layer_histograms` is what the notebook draws by hand and what its slider figure shows.
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..math.activations import get_activation
from ..math.checks import choice, quiet_float_errors
from ..math.statistics import nice_ceiling, percent_histogram
from ..models.network import MLP

HISTOGRAM_LAYERS = 10
HISTOGRAM_WIDTH = 64
HISTOGRAM_BATCH = 128
HISTOGRAM_BINS = 40
HISTOGRAM_INITS = ("classic_uniform", "xavier", "he")
# activations that cannot leave a known interval get that interval as their histogram range
BOUNDED_RANGES = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}


@dataclass(frozen=True)
class LayerHistograms:
    """Histograms of the hidden layers l = 1..H (row 0 is layer 1), all in % of entries.

    act_edges (BINS + 1,), act_pct (H, BINS): the activations a^[l].
    grad_edges (BINS + 1,), grad_pct (H, BINS): log10 |dL/dz^[l]| of the nonzero entries
        (the edges are even whole decades at both ends).
    grad_zero_pct (H,): % of gradient entries that are exactly 0 (inactive ReLUs).
    saturated_pct, dead_pct (H,): from ``MLP.layer_stats()``.
    """

    act_edges: np.ndarray
    act_pct: np.ndarray
    grad_edges: np.ndarray
    grad_pct: np.ndarray
    grad_zero_pct: np.ndarray
    saturated_pct: np.ndarray
    dead_pct: np.ndarray

    @property
    def hidden_layers(self):
        return len(self.act_pct)


def _activation_edges(activation, hidden_acts):
    """Bin edges for the activations: the known interval, or the data's rounded outwards to
    nice numbers, so that nearby settings share the range (and the drawn axes)."""
    if activation in BOUNDED_RANGES:
        low, high = BOUNDED_RANGES[activation]
    else:
        everything = np.concatenate([a.ravel() for a in hidden_acts])
        everything = everything[np.isfinite(everything)]
        low, high = (np.percentile(everything, [0.5, 99.5]) if everything.size else (-1.0, 1.0))
        low = -nice_ceiling(-low) if low < 0 else 0.0
        high = nice_ceiling(high) if high > 0 else 1.0
    return np.linspace(low, high, HISTOGRAM_BINS + 1)


def _decade_edges(logs):
    """Bin edges over log10 values, their ends on even whole decades (shared by nearby data)."""
    if not logs.size:
        return np.linspace(-1.0, 1.0, HISTOGRAM_BINS + 1)
    low, high = np.percentile(logs, [0.5, 99.5])
    low, high = 2 * np.floor(low / 2), 2 * np.ceil(high / 2)
    return np.linspace(low, max(high, low + 2), HISTOGRAM_BINS + 1)


@lru_cache(maxsize=32)
def layer_histograms(activation="tanh", init="classic_uniform", weight_scale=1.0,
                     hidden_layers=HISTOGRAM_LAYERS, width=HISTOGRAM_WIDTH, seed=0):
    """Forward a random batch through ``hidden_layers`` hidden layers, back-propagate a random
    output gradient, and histogram every hidden layer once: a :class:`LayerHistograms`."""
    get_activation(activation)
    choice("init", init, HISTOGRAM_INITS)
    rng = np.random.default_rng(seed)
    net = MLP([width] * (hidden_layers + 2), activation=activation, init=init,
              weight_scale=weight_scale, seed=rng)
    X = rng.standard_normal(size=(HISTOGRAM_BATCH, width))
    dout = rng.standard_normal(size=(HISTOGRAM_BATCH, width))
    net.forward(X)
    grads = net.backward(dout)
    stats = net.layer_stats()
    with quiet_float_errors():
        hidden_acts = net.activations[1:hidden_layers + 1]
        # dL/dz^[l] = dL/da^[l] * g'(z^[l]): the gradient that reaches layer l's weights
        hidden_dz = [grads["activations"][l] * net.caches[l - 1].slope
                     for l in range(1, hidden_layers + 1)]
        grad_logs = [np.log10(np.abs(dz[(dz != 0) & np.isfinite(dz)])) for dz in hidden_dz]
    act_edges = _activation_edges(activation, hidden_acts)
    grad_edges = _decade_edges(np.concatenate(grad_logs))
    act_pct = np.array([percent_histogram(a[np.isfinite(a)], act_edges) for a in hidden_acts])
    grad_pct = np.array([percent_histogram(logs, grad_edges) * logs.size / dz.size
                         for logs, dz in zip(grad_logs, hidden_dz)])
    grad_zero_pct = np.array([100.0 * np.mean(dz == 0) for dz in hidden_dz])
    return LayerHistograms(act_edges, act_pct, grad_edges, grad_pct, grad_zero_pct,
                           stats.saturated_pct[:hidden_layers], stats.dead_pct[:hidden_layers])
