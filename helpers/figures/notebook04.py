"""Notebook 04: how the initialization scheme sets the size of the activations layer by layer.

The curves come from :func:`helpers.models.profiles.activation_stds`, cached per scheme,
activation and width: moving the depth slider only slices a curve already computed.
"""
import numpy as np

from ..drawing import LayerMagnitudePlot
from ..live.blitting import BlitLiveFigure
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    depth_slider,
    new_figure,
    width_slider,
)
from ..models.profiles import SCHEMES, STDS_MAX_DEPTH, activation_stds, growth_per_layer


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
        "depth": depth_slider(depth, max=STDS_MAX_DEPTH),
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
