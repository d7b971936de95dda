"""Notebook 04: how the initialization scheme sets the size of the activations layer by layer.

The curves come from :func:`helpers.models.profiles.activation_stds`, cached per scheme,
activation and width: moving the depth slider only slices a curve already computed.
"""
import numpy as np

from ..drawing import MagnitudePlot
from ..live.blitting import BlitLiveFigure
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    depth_slider,
    new_figure,
    width_slider,
)
from ..models.profiles import (SCHEMES, STDS_MAX_DEPTH, activation_stds, growth_per_layer,
                               scheme_label)

STD = "std of a^[l]"


def describe(stds):
    """One line about the deepest layer: its std and the average factor per layer."""
    depth = len(stds) - 1
    if not np.isfinite(stds[-1]):
        return f"overflow: the activations became inf by layer {depth}"
    zeros = np.flatnonzero(stds == 0)
    if zeros.size:
        return f"every unit of a layer has the same value (std 0) from layer {zeros[0]} on"
    return (f"std of a^[{depth}] = {stds[-1]:.3g}   "
            f"(×{growth_per_layer(stds):.3f} per layer on average)")


def initialization_through_depth(scheme="lecun", activation="relu", depth=50, width=128,
                                 seed=0):
    """Controls for scheme, activation, depth and width; the std of a^[l] per layer."""
    fig, ax = new_figure(7.0, 3.6)
    plot = MagnitudePlot(ax, [STD], ylabel=STD, markers_up_to=101, mark_limits=True, top_room=3)

    def update(scheme, activation, depth, width):
        stds = activation_stds(scheme, activation, depth, width, seed)
        # the message is drawn inside the figure, where the back of the room can read it
        plot.update(np.arange(depth + 1), {STD: stds},
                    note=f"{scheme_name(scheme, activation)}\n{describe(stds)}")

    controls = {
        "scheme": choice_dropdown([(label, name) for name, (label, _, _) in SCHEMES.items()],
                                  scheme, "scheme"),
        "activation": activation_dropdown(activation),
        "depth": depth_slider(depth, max=STDS_MAX_DEPTH),
        "width": width_slider(width, min=16, max=256, step=16),
    }
    return BlitLiveFigure(fig, update, controls, plot.moving_artists, columns=2,
                          inactive=unused_controls)


def scheme_name(scheme, activation):
    """The scheme's label, and which other rule it equals in this square network."""
    same = {"xavier": "= LeCun's 1/n here: n_in = n_out", "xavier_uniform": "= 1/n here",
            "lecun_gain": "= He's 2/n for ReLU" if activation == "relu" else ""}.get(scheme)
    return scheme_label(scheme) + (f"  ({same})" if same else "")


def unused_controls(scheme, activation, depth, width):
    """The controls that change nothing in this setting, and why."""
    if scheme == "zeros":
        reason = "with W = 0 every unit of a layer is the same, whatever the width or g"
        return {"activation": reason, "width": reason}
    return {}


BENCH_MOVES = (
    [{"depth": d} for d in range(10, 101, 10)]
    + [{"scheme": s} for s in ("he", "xavier", "too_small", "too_large", "zeros", "lecun")]
    + [{"activation": a} for a in ("tanh", "relu")]
    + [{"width": w} for w in (64, 128)]
)
