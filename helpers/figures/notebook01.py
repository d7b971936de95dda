"""Notebook 01: the size of the activations layer after layer in a deep network.

The numbers come from :func:`helpers.models.profiles.activation_sizes`.
"""
import numpy as np

from ..drawing import MagnitudePlot
from ..live.blitting import BlitLiveFigure
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    depth_slider,
    new_figure,
    number_slider,
    width_slider,
)
from ..models.profiles import MATRIX_KINDS, activation_sizes
from ..palette import COLORS

SIZE = "size of a^[l] (RMS)"


def describe(sizes, net):
    """One line about the deepest layer, or where float64 gave up."""
    if net.first_nonfinite_layer is not None:
        return f"overflow: the activations became inf at layer {net.first_nonfinite_layer}"
    zeros = np.flatnonzero(sizes == 0)
    if zeros.size:
        return f"underflow: the activations became exactly 0 at layer {zeros[0]}"
    return f"after L = {len(sizes) - 1} layers the activations have size {sizes[-1]:.4g}"


def activations_through_depth(depth=50, weight_scale=1.5, kind="w·I (scaled identity)",
                              width=2, activation="linear", max_depth=2000):
    """Sliders for depth, weight scale, matrix kind, width and activation; ||a^[l]|| per layer."""
    fig, ax = new_figure(7.0, 3.6)
    # one series (its key is the axis label), black: blue and vermillion mark the float64 limits
    plot = MagnitudePlot(ax, [SIZE], ylabel=SIZE, colors=[COLORS["linear"]], markers_up_to=101,
                         mark_limits=True)
    plot.overflow_line.set_color(COLORS["overflow"])
    plot.underflow_line.set_color(COLORS["underflow"])

    def update(depth, weight_scale, kind, width, activation):
        sizes, net = activation_sizes(depth, weight_scale, kind, width, activation)
        # the message is drawn inside the figure, where the back of the room can read it
        plot.update(np.arange(depth + 1), {SIZE: sizes}, note=describe(sizes, net))

    controls = {
        "depth": depth_slider(depth, max=max_depth),
        # steps of 0.025, shown to 3 decimals: 1/sqrt(64) = 0.125 (exercise 2) is on the slider
        "weight_scale": number_slider(weight_scale, 0.05, 2.0, "weight scale", step=0.025),
        "kind": choice_dropdown(MATRIX_KINDS, kind, "matrices"),
        "width": width_slider(width, min=2, max=64),
        "activation": activation_dropdown(activation),
    }
    controls["weight_scale"].readout_format = ".3f"
    return BlitLiveFigure(fig, update, controls, plot.moving_artists, columns=3,
                          inactive=unused_controls)


def unused_controls(depth, weight_scale, kind, width, activation):
    """The controls that change nothing in this setting, and why."""
    if MATRIX_KINDS[kind] == "identity":
        return {"width": "w·I scales every coordinate alike, so every width gives the same "
                         "sizes (pick a Gaussian kind to see the width matter)"}
    return {}


BENCH_MOVES = [{"depth": d} for d in range(10, 60, 5)] + [
    {"weight_scale": s} for s in (0.5, 0.9, 1.1, 1.5)]
