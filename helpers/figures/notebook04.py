"""Notebook 04: how the initialization scheme sets the size of the activations layer by layer.

``activation_stds`` pushes a batch of N(0, 1) inputs through a deep square network (every
layer width n, no biases) and returns the standard deviation of a^[l] for l = 0..depth.
The weights of the whole (MAX_DEPTH-layer) network are drawn once per (scheme, width, seed)
and the std curve once per (scheme, activation, width, seed): moving the depth slider only
slices a cached curve, so the figure redraws without recomputing anything.
"""
from functools import lru_cache

import numpy as np

from ..math.activations import get_activation
from ..live.blitting import BlitLiveFigure
from ..math.initializers import gain, initialize
from ..drawing import LayerMagnitudePlot
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    depth_slider,
    new_figure,
    width_slider,
)
from ..math.checks import quiet_float_errors
from ..math.statistics import scale_safe

MAX_DEPTH = 100
BATCH_SIZE = 64  # 64 examples x n units: enough values for a steady std estimate

# scheme -> (label, init name in helpers.initializers, weight_scale); Var(W) in the label.
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
    _check_scheme(scheme)
    return SCHEMES[scheme][0]


def scheme_init(scheme, activation):
    """(init name, weight_scale) to pass to ``MLP`` for ``scheme`` in a network of ``activation``."""
    _check_scheme(scheme)
    _, init, weight_scale = SCHEMES[scheme]
    if scheme == "lecun_gain":
        weight_scale = gain(activation)
    return init, weight_scale


def _check_scheme(scheme):
    if not isinstance(scheme, str) or scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; choose one of: {', '.join(SCHEME_NAMES)}")


@lru_cache(maxsize=16)
def _base_weights(scheme, width, seed):
    """W^[1..MAX_DEPTH] at weight_scale 1, drawn once per (scheme, width, seed)."""
    init = SCHEMES[scheme][1]
    rng = np.random.default_rng(seed)
    # drawing 100 matrices of 256 x 256 takes a few hundred ms: once, not per slider move
    return tuple(initialize(init, (width, width), rng) for _ in range(MAX_DEPTH))


@lru_cache(maxsize=4)
def _inputs(width, seed):
    return np.random.default_rng([seed, width]).normal(size=(BATCH_SIZE, width))


@lru_cache(maxsize=64)
def _std_curve(scheme, activation, width, seed):
    """std of a^[0..MAX_DEPTH] (read-only array), computed once per argument tuple.

    The forward pass a^[l] = g(a^[l-1] @ W^[l]) is written out here (no biases, no caches for
    a backward pass): it is all this figure needs, and it keeps a first visit to a scheme fast.
    """
    _, weight_scale = scheme_init(scheme, activation)
    g = get_activation(activation).f
    a = _inputs(width, seed)
    curve = np.empty(MAX_DEPTH + 1)
    curve[0] = scale_safe(np.std, a)
    with quiet_float_errors():
        for l, W in enumerate(_base_weights(scheme, width, seed), start=1):
            a = g(a @ (weight_scale * W))
            curve[l] = scale_safe(np.std, a)
    curve.setflags(write=False)
    return curve


def activation_stds(scheme, activation="tanh", depth=50, width=128, seed=0):
    """std of a^[l] for l = 0..depth: (depth + 1,) array; a^[0] is N(0, 1) input, 64 examples.

    The network is square (every layer n = width units), has no biases, and applies
    ``activation`` after every layer. Cached: calling it again with the same scheme,
    activation, width and seed costs nothing, for any depth.
    """
    _check_scheme(scheme)
    get_activation(activation)  # a clear error for an unknown name
    if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)) or not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be a whole number between 1 and {MAX_DEPTH}, got {depth!r}")
    if isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width < 2:
        raise ValueError(f"width must be a whole number >= 2, got {width!r}")
    return _std_curve(scheme, activation, int(width), seed)[: depth + 1]


def growth_per_layer(stds):
    """The geometric-mean factor by which one layer multiplies the std: (std_L / std_0)^(1/L)."""
    stds = np.asarray(stds, dtype=float)
    depth = len(stds) - 1
    with quiet_float_errors():
        return float((stds[-1] / stds[0]) ** (1.0 / depth))


def _describe(stds):
    depth = len(stds) - 1
    final = stds[-1]
    if not np.isfinite(final):
        return f"overflow: the activations became inf by layer {depth}"
    zeros = np.flatnonzero(stds == 0)
    if zeros.size:
        return f"every activation is exactly 0 from layer {zeros[0]} on"
    return (f"std of a^[{depth}] = {final:.3g}   "
            f"(×{growth_per_layer(stds):.3f} per layer on average)")


def initialization_through_depth(scheme="lecun", activation="tanh", depth=50, width=128,
                                 seed=0):
    """Controls for scheme, activation, depth and width; the std of a^[l] per layer (log scale)."""
    fig, ax = new_figure(7.0, 3.6)
    # the axes move only in steps, so most frames redraw just the line over a kept background
    plot = LayerMagnitudePlot(ax, ylabel="std of a^[l]", stepped=True)

    def update(scheme, activation, depth, width):
        stds = activation_stds(scheme, activation, depth, width, seed)
        message = _describe(stds)
        plot.update(np.arange(depth + 1), stds, note=message)
        # the message is drawn inside the figure, where the back of the room can read it

    controls = {
        "scheme": choice_dropdown([(label, name) for name, (label, _, _) in SCHEMES.items()],
                                  scheme, "scheme"),
        "activation": activation_dropdown(activation),
        "depth": depth_slider(depth, max=MAX_DEPTH),
        "width": width_slider(width, min=16, max=256, step=16),
    }
    return BlitLiveFigure(fig, update, controls, plot.moving_artists, columns=2,
                          keyed_by_limits=True)


BENCH_MOVES = (
    [{"depth": d} for d in range(10, 101, 10)]
    + [{"scheme": s} for s in ("he", "xavier", "too_small", "too_large", "zeros", "lecun")]
    + [{"activation": a} for a in ("relu", "tanh")]
    + [{"width": w} for w in (64, 128)]
)
