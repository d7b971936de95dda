"""Notebook 01: the size of the activations layer after layer in a deep network.

The numbers come from :func:`helpers.models.profiles.activation_sizes`.
"""
import numpy as np

from ..drawing import LayerMagnitudePlot
from ..live.blitting import BlitLiveFigure
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    depth_slider,
    new_figure,
    weight_scale_slider,
    width_slider,
)
from ..models.profiles import MATRIX_KINDS, activation_sizes

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
