"""Per-layer profiles of one deep network at initialization: what notebooks 01-04 measure.

Each function builds the course's network for one setting, runs a forward (and backward)
pass and returns one number per layer; the slider figures draw the same results. Random
draws depend only on the seed and are made once per setting at unit scale, so moving a
weight-scale slider rescales the same matrices instead of drawing new ones. Results are
cached (a slider dragged back and forth revisits the same settings): treat them as
read-only.

    activation_sizes   RMS of a^[l] through fixed matrices w·B                (notebook 01)
    gradient_profile   ||dL/dW^[l]|| and ||dL/da^[l]|| of one backward pass    (notebook 02)
    layer_histograms   histograms of a^[l] and dL/dz^[l], % saturated / dead   (notebook 03)
    activation_stds    std of a^[l] under each initialization scheme          (notebook 04)
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..math.activations import get_activation
from ..math.checks import choice, quiet_float_errors, whole_number
from ..math.initializers import gain, initialize
from ..math.statistics import nice_ceiling, percent_histogram, scale_safe
from .network import MLP


def draw_unit_weights(init, width, depth, rng):
    """``depth`` square (width, width) matrices of the scheme ``init`` at weight_scale 1."""
    return [initialize(init, (width, width), rng) for _ in range(depth)]


@lru_cache(maxsize=16)
def unit_weights(init, width, depth, seed=0):
    """:func:`draw_unit_weights` from a fresh generator, once per argument set (read-only):
    drawing hundreds of matrices takes ~0.1 s, too long to repeat on every slider move."""
    weights = tuple(draw_unit_weights(init, width, depth, np.random.default_rng(seed)))
    for W in weights:
        W.setflags(write=False)
    return weights


# ----- notebook 01: a product of matrices -----------------------------------------------------

SIZES_MAX_DEPTH = 2000
# the three kinds of matrix notebook 01 compares, by the init scheme that draws B
MATRIX_KINDS = {
    "w·I (scaled identity)": "identity",
    "Gaussian, std w": "normal",
    "Gaussian, std w/√n": "lecun",
}


def activation_sizes(depth, weight_scale, kind="w·I (scaled identity)", width=2,
                     activation="linear", seed=0):
    """RMS size of a^[l] for l = 0..depth with W^[l] = weight_scale * B^[l], starting from
    x = (1, ..., 1): ((depth + 1,) sizes, the network). For the scaled identity and a linear
    activation the size is exactly weight_scale**l.
    """
    init = MATRIX_KINDS[choice("kind", kind, MATRIX_KINDS)]
    depth = whole_number("depth", depth, 1, SIZES_MAX_DEPTH)
    base = unit_weights(init, width, SIZES_MAX_DEPTH, seed)
    net = MLP.from_weights([weight_scale * B for B in base[:depth]], activation=activation)
    net.forward(np.ones((1, width)))
    return np.concatenate([[1.0], net.layer_stats().act_rms]), net


# ----- notebook 02: gradients follow the same product -----------------------------------------

GRADIENT_MAX_DEPTH = 200
GRADIENT_BATCH = 16  # enough examples for stable norms; the cost per setting grows with it
GRADIENT_INITS = ("xavier", "he", "lecun")


@dataclass
class GradientProfile:
    """Per-layer gradient sizes of one backward pass, index 0 is layer 1 (the input side).

    weight_grads: (L,) ||dL/dW^[l]||, what gradient descent uses to update W^[l].
    signal_grads: (L,) ||dL/da^[l]||, what backprop carries down (times g'(z) and W^T per layer).
    net: the :class:`MLP` (its ``grads`` hold the full arrays).
    """

    weight_grads: np.ndarray
    signal_grads: np.ndarray
    net: MLP

    @property
    def depth(self):
        return len(self.weight_grads)


@lru_cache(maxsize=8)
def _gradient_draws(init, width, seed):
    """B^[1..GRADIENT_MAX_DEPTH] at unit scale, then the batch X and the output gradient."""
    rng = np.random.default_rng(seed)
    base = draw_unit_weights(init, width, GRADIENT_MAX_DEPTH, rng)
    X = rng.normal(size=(GRADIENT_BATCH, width))
    dout = rng.normal(size=(GRADIENT_BATCH, width))
    return base, X, dout


@lru_cache(maxsize=256)
def gradient_profile(depth, weight_scale, activation="tanh", init="xavier", width=64, seed=0):
    """One forward and backward pass through ``depth`` layers W^[l] = weight_scale * B^[l]:
    a :class:`GradientProfile`. The loss is sum(output * dout) for a fixed random dout, as if
    the loss sent back a random gradient of fixed size, on a fixed random batch X."""
    choice("init", init, GRADIENT_INITS)
    depth = whole_number("depth", depth, 1, GRADIENT_MAX_DEPTH)
    get_activation(activation)
    base, X, dout = _gradient_draws(init, width, seed)
    net = MLP.from_weights([weight_scale * B for B in base[:depth]], activation=activation)
    net.forward(X)
    grads = net.backward(dout)
    with quiet_float_errors():
        weight_grads = np.array([np.linalg.norm(dW) for dW in grads["weights"]])
        signal_grads = np.array([np.linalg.norm(da) for da in grads["activations"][1:]])
    return GradientProfile(weight_grads, signal_grads, net)


# ----- notebook 03: activation derivatives ----------------------------------------------------

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
    X = rng.normal(size=(HISTOGRAM_BATCH, width))
    dout = rng.normal(size=(HISTOGRAM_BATCH, width))
    net.forward(X)
    grads = net.backward(dout)
    stats = net.layer_stats()
    slope = get_activation(activation).df
    with quiet_float_errors():
        hidden_acts = net.activations[1:hidden_layers + 1]
        # dL/dz^[l] = dL/da^[l] * g'(z^[l]): the gradient that reaches layer l's weights
        hidden_dz = [grads["activations"][l] * slope(net.pre_activations[l - 1])
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


# ----- notebook 04: initialization ------------------------------------------------------------

STDS_MAX_DEPTH = 100
STDS_BATCH = 64  # 64 examples x n units: enough values for a steady std estimate
# scheme -> (label, init name in helpers.math.initializers, weight_scale); Var(W) in the label.
# "lecun_gain" is scaled by gain(activation) when it is used (5/3 for tanh, sqrt(2) for ReLU).
SCHEMES = {
    "zeros": ("zeros: W = 0", "zeros", 1.0),
    "too_small": ("too small: N(0, 0.01²)", "normal", 0.01),
    "too_large": ("too large: N(0, 1)", "normal", 1.0),
    "classic_uniform": ("classic U[−1/√n, 1/√n]: 1/(3n)", "classic_uniform", 1.0),
    "lecun": ("LeCun: 1/n_in", "lecun", 1.0),
    "xavier": ("Xavier normal: 2/(n_in+n_out)", "xavier", 1.0),
    "xavier_uniform": ("Xavier uniform: 2/(n_in+n_out)", "xavier_uniform", 1.0),
    "he": ("He: 2/n_in", "he", 1.0),
    "lecun_gain": ("LeCun × gain: gain²/n_in", "lecun", 1.0),
}
SCHEME_NAMES = tuple(SCHEMES)


def scheme_label(scheme):
    """The human-readable name of ``scheme`` (with its Var(W)), e.g. for legends and tables."""
    return SCHEMES[choice("scheme", scheme, SCHEME_NAMES)][0]


def scheme_init(scheme, activation):
    """(init name, weight_scale) to pass to ``MLP`` for ``scheme`` in a network of ``activation``."""
    _, init, weight_scale = SCHEMES[choice("scheme", scheme, SCHEME_NAMES)]
    if scheme == "lecun_gain":
        weight_scale = gain(activation)
    return init, weight_scale


@lru_cache(maxsize=64)
def _std_curve(scheme, activation, width, seed):
    """std of a^[0..STDS_MAX_DEPTH] (read-only), once per argument set.

    The network a^[l] = g(a^[l-1] @ W^[l]) applies g after every layer, the last too, and has
    no biases; unlike the MLP (whose output layer is linear) that is what notebook 04 measures.
    """
    init, weight_scale = scheme_init(scheme, activation)
    g = get_activation(activation).f
    a = np.random.default_rng([seed, width]).normal(size=(STDS_BATCH, width))
    curve = np.empty(STDS_MAX_DEPTH + 1)
    curve[0] = scale_safe(np.std, a)
    with quiet_float_errors():
        for l, W in enumerate(unit_weights(init, width, STDS_MAX_DEPTH, seed), start=1):
            a = g(a @ (weight_scale * W))
            curve[l] = scale_safe(np.std, a)
    curve.setflags(write=False)
    return curve


def activation_stds(scheme, activation="tanh", depth=50, width=128, seed=0):
    """std of a^[l] for l = 0..depth: (depth + 1,) array; a^[0] is N(0, 1) input, 64 examples.

    The network is square (every layer n = width units), has no biases, and applies
    ``activation`` after every layer. Any depth of one (scheme, activation, width, seed)
    slices the same cached curve.
    """
    choice("scheme", scheme, SCHEME_NAMES)
    get_activation(activation)
    depth = whole_number("depth", depth, 1, STDS_MAX_DEPTH)
    width = whole_number("width", width, low=2)
    return _std_curve(scheme, activation, width, seed)[: depth + 1]


def growth_per_layer(stds):
    """The geometric-mean factor by which one layer multiplies the std: (std_L / std_0)^(1/L)."""
    stds = np.asarray(stds, dtype=float)
    depth = len(stds) - 1
    with quiet_float_errors():
        return float((stds[-1] / stds[0]) ** (1.0 / depth))
