"""Notebook 06: plain and residual networks side by side, layer by layer.

||dL/dW^[l]|| at initialization from :func:`helpers.models.residual.gradient_norms`, each
configuration computed once.
"""
import numpy as np

from ..drawing import MagnitudePlot
from ..live.blitting import BlitLiveFigure, axes_limits
from ..live.widgets import activation_dropdown, choice_dropdown, depth_slider, new_figure
from ..math.activations import get_activation
from ..models.residual import BRANCH_SCALES, branch_scale_for, gradient_norms
from ..palette import color_of, style_of

MIN_DEPTH, MAX_DEPTH = 20, 150
# block name -> preactivation flag of the MLP
BLOCKS = {
    "pre-activation: a + s·(g(a)W + b)": True,
    "post-activation: a + s·g(z)": False,
}
NETWORKS = ("plain and residual", "plain", "residual")
PLAIN, RESIDUAL = "plain", "residual"


def ratio_text(values):
    """||dL/dW^[1]|| / ||dL/dW^[L]|| for the status line."""
    first, last = values[0], values[-1]
    if not (np.isfinite(first) and np.isfinite(last)) or last == 0:
        return "not finite"
    return f"{first / last:.1e}"


def plain_vs_residual(depth=100, network="plain and residual", activation="sigmoid",
                      scale_rule="1/√L", block="pre-activation: a + s·(g(a)W + b)"):
    """Sliders for depth, network, activation, branch scale and block; ||dL/dW^[l]|| per layer
    at initialization, plain and residual overlaid on a decades axis."""
    fig, ax = new_figure(7.0, 3.6)
    # the course's fixed meanings: plain orange dashed, residual blue solid
    plot = MagnitudePlot(ax, (PLAIN, RESIDUAL), "‖∂L/∂W^[l]‖",
                         colors=(color_of("plain"), color_of("residual")),
                         styles=(style_of("plain"), style_of("residual")), top_room=3)
    shown = {"network": None}  # the key lists only the lines drawn

    def show_key(network):
        if shown["network"] != network:
            labels = [name for name in (PLAIN, RESIDUAL) if network in (name, NETWORKS[0])]
            ax.legend(handles=[plot.lines[label] for label in labels], loc="upper right",
                      fontsize=9)
            shown["network"] = network

    def update(depth, network, activation, scale_rule, block):
        s = branch_scale_for(scale_rule, depth)
        norms = {
            PLAIN: gradient_norms(depth, False, activation) if network != RESIDUAL else None,
            RESIDUAL: gradient_norms(depth, True, activation, s, BLOCKS[block])
            if network != PLAIN else None,
        }
        plot.update(np.arange(1, depth + 1), norms, note=f"L = {depth}, s = {s:.3g}")
        show_key(network)  # after the update: the key copies each line's visibility
        return "; ".join(f"{name}: ‖∂L/∂W^[1]‖ / ‖∂L/∂W^[L]‖ = {ratio_text(values)}"
                         for name, values in norms.items() if values is not None)

    controls = {
        "depth": depth_slider(depth, min=MIN_DEPTH, max=MAX_DEPTH, step=5),
        "network": choice_dropdown(NETWORKS, network, "network"),
        "activation": activation_dropdown(get_activation(activation).name,
                                          options=("relu", "tanh", "sigmoid", "leaky_relu")),
        "scale_rule": choice_dropdown(BRANCH_SCALES, scale_rule, "branch scale s"),
        "block": choice_dropdown(BLOCKS, block, "block"),
    }
    return BlitLiveFigure(fig, update, controls, plot.moving_artists, columns=3,
                          inactive=unused_controls,
                          background_key=lambda: (axes_limits(fig), shown["network"]))


def unused_controls(depth, network, activation, scale_rule, block):
    """The controls that change nothing in this setting, and why."""
    if network == PLAIN:
        reason = "the plain network has no residual blocks (show the residual one too)"
        return {"scale_rule": reason, "block": reason}
    return {}


BENCH_MOVES = [{"depth": d} for d in range(20, 155, 10)] + [
    {"scale_rule": "1 (unscaled)"}, {"activation": "sigmoid"}, {"activation": "tanh"},
    {"block": "post-activation: a + s·g(z)"}, {"network": "plain"}, {"scale_rule": "1/√L"},
    {"depth": 150}, {"depth": 20}]
