"""Notebook 06: plain and residual networks side by side, layer by layer.

||dL/dW^[l]|| at initialization from :func:`helpers.models.residual.gradient_norms`, each
configuration computed once; the axes limits move in steps, so most frames redraw only the
two lines over a stored background (blitting).
"""
import numpy as np

from ..drawing import ComparedMagnitudesPlot
from ..live.blitting import BlitLiveFigure
from ..live.widgets import activation_dropdown, choice_dropdown, depth_slider, new_figure
from ..math.activations import get_activation
from ..models.residual import BRANCH_SCALES, branch_scale_for, gradient_norms

MIN_DEPTH, MAX_DEPTH = 20, 150
# the figure's axes limits move in these steps (see _axis_limits)
DEPTH_TIERS = (25, 50, 100, MAX_DEPTH)
DECADE_LADDER = (5, 10, 20, 40, 80, 160, 320)  # float64 ends near 1e308
# block name -> preactivation flag of the MLP
BLOCKS = {
    "pre-activation: a + s·(g(a)W + b)": True,
    "post-activation: a + s·g(z)": False,
}
NETWORKS = ("plain and residual", "plain", "residual")
PLAIN, RESIDUAL = "plain", "residual"


def _ratio_text(values):
    first, last = values[0], values[-1]
    if not (np.isfinite(first) and np.isfinite(last)) or last == 0:
        return "not finite"
    return f"{first / last:.1e}"


def _axis_limits(depth, low, high):
    """Axes limits that change only in steps, so most frames reuse a drawn background and
    only the two lines are drawn anew: x in depth tiers, y from a ladder of decades."""
    right = next(tier for tier in DEPTH_TIERS if tier >= depth)
    room = 2 + 0.2 * (high - low)  # above the lines, for the note and the legend
    bottom = -next(step for step in DECADE_LADDER if step >= -low + 1)
    top = next(step for step in DECADE_LADDER if step >= high + room)
    return (0.5, right + 0.5), (float(bottom), float(top))


def plain_vs_residual(depth=100, network="plain and residual", activation="relu",
                      scale_rule="1/√L", block="pre-activation: a + s·(g(a)W + b)"):
    """Sliders for depth, network, activation, branch scale and block; ||dL/dW^[l]|| per layer
    at initialization, plain and residual overlaid on a decades axis."""
    fig, ax = new_figure(7.0, 3.6)
    plot = ComparedMagnitudesPlot(ax, (PLAIN, RESIDUAL), "‖∂L/∂W^[l]‖",
                                  colors=("tab:orange", "tab:blue"))

    def update(depth, network, activation, scale_rule, block):
        s = branch_scale_for(scale_rule, depth)
        norms = {
            PLAIN: gradient_norms(depth, False, activation) if network != RESIDUAL else None,
            RESIDUAL: gradient_norms(depth, True, activation, s, BLOCKS[block])
            if network != PLAIN else None,
        }
        low, high = plot.update(np.arange(1, depth + 1), norms,
                                note=f"L = {depth}, s = {s:.3g}", autoscale=False)
        xlim, ylim = _axis_limits(depth, low, high)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ratios = [f"{name}: ‖∂L/∂W^[1]‖ / ‖∂L/∂W^[L]‖ = {_ratio_text(values)}"
                  for name, values in norms.items() if values is not None]
        return "; ".join(ratios)

    controls = {
        "depth": depth_slider(depth, min=MIN_DEPTH, max=MAX_DEPTH, step=5),
        "network": choice_dropdown(NETWORKS, network, "network"),
        "activation": activation_dropdown(get_activation(activation).name,
                                          options=("relu", "tanh", "sigmoid", "leaky_relu")),
        "scale_rule": choice_dropdown(BRANCH_SCALES, scale_rule, "branch scale s"),
        "block": choice_dropdown(BLOCKS, block, "block"),
    }
    return BlitLiveFigure(fig, update, controls, list(plot.lines.values()) + [plot.note],
                          columns=3, keyed_by_limits=True)


BENCH_MOVES = [{"depth": d} for d in range(20, 155, 10)] + [
    {"scale_rule": "1 (unscaled)"}, {"activation": "sigmoid"}, {"activation": "tanh"},
    {"block": "post-activation: a + s·g(z)"}, {"network": "plain"}, {"scale_rule": "1/√L"},
    {"depth": 150}, {"depth": 20}]
