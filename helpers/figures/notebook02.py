"""Notebook 02: the size of the gradients layer after layer, from the output back to the input.

Two magnitudes per layer l = 1..L, both from one backward pass
(:func:`helpers.models.profiles.gradient_profile`): ||dL/dW^[l]||, what gradient descent
uses to update W^[l], and ||dL/da^[l]||, the gradient that backprop carries down the network.
"""
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..drawing import power_of_ten_axis, safe_log10
from ..live.blitting import BlitLiveFigure
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    depth_slider,
    new_figure,
    weight_scale_slider,
)
from ..models.profiles import GRADIENT_INITS, GRADIENT_MAX_DEPTH, gradient_profile


def describe(profile):
    """One sentence comparing the first layer's weight gradient with the last layer's."""
    first, last = profile.weight_grads[0], profile.weight_grads[-1]
    if not (np.all(np.isfinite(profile.weight_grads)) and np.all(np.isfinite(profile.signal_grads))):
        return "overflow: some gradients became inf or NaN"
    if profile.depth == 1:
        return f"one layer: ||dL/dW^[1]|| = {first:.3g}"
    if first == 0 or last == 0:
        return "underflow: some weight gradients are exactly 0"
    decades = np.log10(first / last)
    direction = "larger" if decades > 0 else "smaller"
    return (f"||dL/dW^[1]|| = {first:.2g},  ||dL/dW^[{profile.depth}]|| = {last:.2g}\n"
            f"the input layer's is {abs(decades):.1f} decades {direction}")


# the key to the two lines goes into the HTML status line above the figure, not into the
# figure: every text drawn in the PNG costs milliseconds per frame (a legend ~10 ms)
KEY_HTML = ('<span style="color:#1f77b4"><b>—o—</b> ||dL/dW<sup>[l]</sup>|| (the weight '
            'update)</span> &nbsp; <span style="color:#ff7f0e"><b>- - -</b> '
            '||dL/da<sup>[l]</sup>|| (what backprop carries down)</span>')


class GradientProfilePlot:
    """Both per-layer magnitudes on one decades axis, the output layer on the left.

    Reading left to right follows backprop: from layer L down to layer 1. The solid blue
    line is ||dL/dW^[l]||, the dashed orange one ||dL/da^[l]|| (see ``KEY_HTML``).
    """

    def __init__(self, ax):
        self.ax = ax
        (self.weight_line,) = ax.plot([], [], marker="o", markersize=3, linewidth=2,
                                      color="tab:blue")
        (self.signal_line,) = ax.plot([], [], linewidth=1.5, linestyle="--", color="tab:orange")
        ax.axhline(0.0, color="grey", linewidth=0.8)
        self.note = ax.text(0.02, 0.95, "", transform=ax.transAxes, va="top", fontsize=10)
        power_of_ten_axis(ax.yaxis, max_ticks=6)
        ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
        ax.set_xlabel("layer l  (output on the left, input on the right)")
        ax.set_ylabel("gradient norm")
        ax.grid(True, alpha=0.3)

    def update(self, profile, note=""):
        """Redraw the lines; returns True when the axes limits had to change."""
        layers = np.arange(1, profile.depth + 1)
        weight_decades = safe_log10(profile.weight_grads)
        signal_decades = safe_log10(profile.signal_grads)
        self.weight_line.set_data(layers, weight_decades)
        self.weight_line.set_marker("o" if profile.depth <= 60 else "None")
        self.signal_line.set_data(layers, signal_decades)
        self.note.set_text(note)
        shown = np.concatenate([weight_decades, signal_decades])
        shown = shown[np.isfinite(shown)]
        limits = _axes_limits(profile.depth, shown)
        if limits == (self.ax.get_xlim(), self.ax.get_ylim()):
            return False
        self.ax.set_xlim(*limits[0])
        self.ax.set_ylim(*limits[1])
        return True


def _axes_limits(depth, decades):
    """x and y limits, rounded to coarse steps so that most slider moves keep them.

    Unchanged limits mean the ticks, labels and grid need not be drawn again (blitting).
    """
    low = min(decades.min(), 0.0) if decades.size else -1.0
    high = max(decades.max(), 0.0) if decades.size else 1.0
    margin = max(0.5, 0.08 * (high - low))
    low, high = low - margin, high + 4 * margin  # room at the top for the note
    step = 5 if high - low <= 40 else 10 if high - low <= 100 else 50
    y_limits = (float(np.floor(low / step) * step), float(np.ceil(high / step) * step))
    right_end = depth if depth <= 20 else int(np.ceil(depth / 10) * 10)
    x_limits = (right_end + 0.5, 0.5)  # reversed: the output layer first
    return x_limits, y_limits


def gradients_through_depth(depth=50, weight_scale=1.0, activation="tanh", init="xavier",
                            width=64, max_depth=GRADIENT_MAX_DEPTH):
    """Sliders for depth, weight scale, activation and init; per-layer gradient norms."""
    fig, ax = new_figure(7.0, 3.6)
    plot = GradientProfilePlot(ax)
    figure = {}  # the BlitLiveFigure, once built

    def update(depth, weight_scale, activation, init):
        profile = gradient_profile(depth, weight_scale, activation, init, width)
        limits_changed = plot.update(profile, note=describe(profile))
        if limits_changed and "live" in figure:
            figure["live"].invalidate_background()  # new ticks: draw the fixed parts again
        return KEY_HTML

    controls = {
        "depth": depth_slider(depth, max=max_depth),
        "weight_scale": weight_scale_slider(weight_scale, min=0.25, max=3.0),
        "activation": activation_dropdown(activation),
        "init": choice_dropdown(GRADIENT_INITS, init, "init"),
    }
    moving = [plot.weight_line, plot.signal_line, plot.note]
    figure["live"] = BlitLiveFigure(fig, update, controls, moving, columns=2)
    return figure["live"]


# dragging each slider a few steps (what a presenter does most), then jumps and dropdowns
BENCH_MOVES = [{"depth": d} for d in range(51, 61)] + [
    {"weight_scale": round(0.9 + 0.05 * i, 2)} for i in range(1, 9)] + [
    {"depth": d} for d in (10, 100, 200)] + [
    {"activation": a} for a in ("sigmoid", "relu", "tanh")] + [{"init": "he"}]
