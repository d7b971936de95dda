"""Notebook 01: the size of the activations layer after layer in a deep network.

The weights are W^[l] = weight_scale * B^[l] where B is fixed by the matrix kind and the
seed, so moving the scale slider changes only the scale, not the random draw.
"""
from functools import lru_cache

import numpy as np

from ..live.blitting import BlitLiveFigure
from ..models.network import MLP
from ..drawing import LayerMagnitudePlot
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    depth_slider,
    new_figure,
    weight_scale_slider,
    width_slider,
)

MAX_DEPTH = 2000
# the three kinds of matrix notebook 01 compares, by the init scheme that draws B
MATRIX_KINDS = {
    "w·I (scaled identity)": "identity",
    "Gaussian, std w": "normal",
    "Gaussian, std w/√n": "lecun",
}


@lru_cache(maxsize=8)
def _base_weights(kind, width, seed):
    """B^[1..MAX_DEPTH] at weight_scale 1, drawn once per (kind, width, seed)."""
    init = MATRIX_KINDS[kind]
    # drawing 2000 Gaussian 64x64 matrices takes ~0.1 s: do it once, not per slider move
    return MLP([width] * (MAX_DEPTH + 1), activation="linear", init=init, seed=seed).weights


def activation_sizes(depth, weight_scale, kind="w·I (scaled identity)", width=2,
                     activation="linear", seed=0):
    """RMS size of a^[l] for l = 0..depth, starting from x = (1, ..., 1), and the network.

    For the scaled identity and a linear activation this is exactly weight_scale**l.
    """
    if kind not in MATRIX_KINDS:
        raise ValueError(f"unknown matrix kind {kind!r}; choose one of: {', '.join(MATRIX_KINDS)}")
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    base = _base_weights(kind, width, seed)
    net = MLP.from_weights([weight_scale * B for B in base[:depth]], activation=activation)
    net.forward(np.ones((1, width)))
    stats = net.layer_stats()
    return np.concatenate([[1.0], stats.act_rms]), net


def _describe(sizes, net):
    depth = len(sizes) - 1
    final = sizes[-1]
    if net.first_nonfinite_layer is not None:
        return f"overflow: the activations became inf at layer {net.first_nonfinite_layer}"
    zeros = np.flatnonzero(sizes == 0)
    if zeros.size:
        return f"underflow: the activations became exactly 0 at layer {zeros[0]}"
    return f"after L = {depth} layers the activations have size {final:.4g}"


def activations_through_depth(depth=10, weight_scale=1.5, kind="w·I (scaled identity)",
                              width=2, activation="linear", max_depth=200):
    """Sliders for depth, weight scale, matrix kind, width and activation; log plot of ||a^[l]||."""
    fig, ax = new_figure(7.0, 3.6)
    # the axes move only in steps, so most frames redraw just the line over a kept background
    plot = LayerMagnitudePlot(ax, ylabel="size of a^[l] (RMS)", stepped=True)

    def update(depth, weight_scale, kind, width, activation):
        sizes, net = activation_sizes(depth, weight_scale, kind, width, activation)
        message = _describe(sizes, net)
        plot.update(np.arange(depth + 1), sizes, note=message)
        # the message is drawn inside the figure, where the back of the room can read it

    controls = {
        "depth": depth_slider(depth, max=max_depth),
        "weight_scale": weight_scale_slider(weight_scale, min=0.05, max=2.0),
        "kind": choice_dropdown(MATRIX_KINDS, kind, "matrices"),
        "width": width_slider(width, min=2, max=64),
        "activation": activation_dropdown(activation),
    }
    return BlitLiveFigure(fig, update, controls, plot.moving_artists, columns=3,
                          keyed_by_limits=True)


BENCH_MOVES = [{"depth": d} for d in range(10, 60, 5)] + [
    {"weight_scale": s} for s in (0.5, 0.9, 1.1, 1.5)]
