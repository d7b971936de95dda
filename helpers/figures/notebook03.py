"""Notebook 03: what each hidden layer's activations and gradients look like.

In the spirit of Glorot & Bengio (2010), figures 3-7: histograms of the activations a^[l]
and of the back-propagated gradients dL/dz^[l], one curve per layer, for a deep network on a
random batch. Below them, per layer, the % of saturated tanh/sigmoid units (|tanh| > 0.97,
``LayerStats.saturated_pct``) and the % of dead ReLU units (``LayerStats.dead_pct``).

Everything that depends on the network (forward, backward, every layer's histogram) is
computed once per setting of (activation, init, weight scale) and cached; moving the layer
slider only swaps which precomputed histograms are drawn.
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..math.activations import get_activation
from ..live.blitting import BlitLiveFigure
from ..models.network import MLP
from ..drawing import power_of_ten_axis
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    new_figure,
    range_slider,
    weight_scale_slider,
)
from ..math.checks import quiet_float_errors
from ..math.statistics import nice_ceiling, percent_histogram

HIDDEN_LAYERS = 10
WIDTH = 64
BATCH_SIZE = 128
BINS = 40
MAX_CURVES = 5  # layers drawn at once: more curves on one axes stop being readable
HIST_INITS = ("classic_uniform", "xavier", "he")
# colours from dark (layers near the input) to light (near the output)
CURVE_COLOURS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#c8a800")
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
    if activation in BOUNDED_RANGES:
        low, high = BOUNDED_RANGES[activation]
    else:
        everything = np.concatenate([a.ravel() for a in hidden_acts])
        everything = everything[np.isfinite(everything)]
        low, high = (np.percentile(everything, [0.5, 99.5]) if everything.size else (-1.0, 1.0))
        low = -nice_ceiling(-low) if low < 0 else 0.0
        high = nice_ceiling(high) if high > 0 else 1.0
    return np.linspace(low, high, BINS + 1)


@lru_cache(maxsize=32)
def layer_histograms(activation="tanh", init="classic_uniform", weight_scale=1.0,
                     hidden_layers=HIDDEN_LAYERS, width=WIDTH, seed=0):
    """Forward a random batch through ``hidden_layers`` hidden layers, back-propagate a random
    output gradient, and histogram every hidden layer once: a :class:`LayerHistograms`."""
    get_activation(activation)
    if init not in HIST_INITS:
        raise ValueError(f"unknown init {init!r} for this figure; choose one of: "
                         f"{', '.join(HIST_INITS)}")
    rng = np.random.default_rng(seed)
    net = MLP([width] * (hidden_layers + 2), activation=activation, init=init,
              weight_scale=weight_scale, seed=rng)
    X = rng.normal(size=(BATCH_SIZE, width))
    dout = rng.normal(size=(BATCH_SIZE, width))
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
    every_log = np.concatenate(grad_logs)
    if every_log.size:
        low, high = np.percentile(every_log, [0.5, 99.5])
        # whole even decades: nearby settings share the range (and the drawn axes)
        low, high = 2 * np.floor(low / 2), 2 * np.ceil(high / 2)
        high = max(high, low + 2)
    else:
        low, high = -1.0, 1.0
    grad_edges = np.linspace(low, high, BINS + 1)
    act_pct = np.array([percent_histogram(a[np.isfinite(a)], act_edges) for a in hidden_acts])
    grad_pct = np.array([percent_histogram(logs, grad_edges) * logs.size / dz.size
                         for logs, dz in zip(grad_logs, hidden_dz)])
    grad_zero_pct = np.array([100.0 * np.mean(dz == 0) for dz in hidden_dz])
    return LayerHistograms(act_edges, act_pct, grad_edges, grad_pct, grad_zero_pct,
                           stats.saturated_pct[:hidden_layers], stats.dead_pct[:hidden_layers])


def layers_to_show(first, last, max_curves=MAX_CURVES):
    """Up to ``max_curves`` layers spread evenly from ``first`` to ``last`` (both included)."""
    if not 1 <= first <= last:
        raise ValueError(f"need 1 <= first <= last, got first={first}, last={last}")
    count = min(max_curves, last - first + 1)
    return sorted({int(round(l)) for l in np.linspace(first, last, count)})


class HistogramStackPlot:
    """Up to MAX_CURVES step histograms per axes, drawn once and then refilled in place."""

    def __init__(self, ax, xlabel, ylabel="% of entries"):
        self.ax = ax
        self.curves = [ax.stairs(np.zeros(BINS), np.arange(BINS + 1), color=colour,
                                 linewidth=2) for colour in CURVE_COLOURS]
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.3)

    def set_limits(self, edges, all_rows):
        """Axes limits that fit every layer's histogram, so moving the layer slider never
        changes them (and the fixed parts of the figure need not be redrawn).
        Returns True when they changed."""
        top = 1.1 * max(all_rows.max(), 1e-3)
        limits = ((float(edges[0]), float(edges[-1])),
                  (0.0, nice_ceiling(top) if top <= 100 else 105.0))  # never above 100 %
        if limits == (self.ax.get_xlim(), self.ax.get_ylim()):
            return False
        self.ax.set_xlim(*limits[0])
        self.ax.set_ylim(*limits[1])
        return True

    def update(self, edges, rows, layers):
        """rows: the (BINS,) percentages of each layer in ``layers``."""
        for i, curve in enumerate(self.curves):
            if i < len(layers):
                curve.set_data(values=rows[i], edges=edges)
            curve.set_visible(i < len(layers))


class LayerPercentPlot:
    """Per layer, % saturated (tanh, sigmoid) or % dead (ReLU), with the layers on show shaded."""

    def __init__(self, ax):
        self.ax = ax
        (self.line,) = ax.plot([], [], marker="o", markersize=4, color="crimson")
        self.span = ax.axvspan(0.5, 1.5, color="tab:blue", alpha=0.12)
        ax.xaxis.set_major_locator(MaxNLocator(10, integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(3))
        ax.set_xlabel("hidden layer l")
        ax.set_ylim(-3, 103)
        ax.grid(True, alpha=0.3)

    def set_limits(self, histograms, activation):
        """The fixed parts for one network: x range and the y label. True when they changed."""
        ylabel = "% saturated" if get_activation(activation).saturates else "% dead units"
        xlim = (0.5, histograms.hidden_layers + 0.5)
        if (ylabel, xlim) == (self.ax.get_ylabel(), self.ax.get_xlim()):
            return False
        self.ax.set_ylabel(ylabel)
        self.ax.set_xlim(*xlim)
        return True

    def update(self, histograms, activation, first, last):
        layers = np.arange(1, histograms.hidden_layers + 1)
        if get_activation(activation).saturates:
            percent = histograms.saturated_pct
        else:
            percent = histograms.dead_pct
        self.line.set_data(layers, percent)
        self.span.set_x(first - 0.5)
        self.span.set_width(last - first + 1)


def key_html(layers):
    """The colour of each layer on show, for the HTML status line above the figure."""
    return " &nbsp; ".join(f'<span style="color:{colour}"><b>━ layer {layer}</b></span>'
                           for layer, colour in zip(layers, CURVE_COLOURS))


def describe(histograms, activation, last):
    """One line about the deepest layer on show."""
    row = last - 1
    if get_activation(activation).saturates:
        return f"layer {last}: {histograms.saturated_pct[row]:.1f}% of the units saturated"
    if activation in ("relu", "leaky_relu"):
        return (f"layer {last}: {histograms.dead_pct[row]:.1f}% dead units, "
                f"{histograms.grad_zero_pct[row]:.1f}% of its gradient entries exactly 0")
    return f"layer {last}"


def activation_histograms(activation="tanh", init="classic_uniform", weight_scale=1.0,
                          layers=(1, HIDDEN_LAYERS), hidden_layers=HIDDEN_LAYERS):
    """Sliders for activation, init, weight scale and the layers on show; per-layer histograms."""
    fig, axes = new_figure(7.5, 5.0, nrows=2, ncols=2, gridspec_kw={"height_ratios": [2, 1]})
    grid = axes[0, 0].get_gridspec()
    axes[1, 0].remove()
    axes[1, 1].remove()
    act_plot = HistogramStackPlot(axes[0, 0], "activation value a^[l]")
    grad_plot = HistogramStackPlot(axes[0, 1], "size of the entries |dL/dz^[l]|")
    power_of_ten_axis(grad_plot.ax.xaxis, max_ticks=6)  # the histogram is over log10 |.|
    percent_plot = LayerPercentPlot(fig.add_subplot(grid[1, :]))

    figure = {}  # the BlitLiveFigure, once built

    def update(activation, init, weight_scale, layers):
        first, last = layers
        histograms = layer_histograms(activation, init, weight_scale, hidden_layers)
        changed = [act_plot.set_limits(histograms.act_edges, histograms.act_pct),
                   grad_plot.set_limits(histograms.grad_edges, histograms.grad_pct),
                   percent_plot.set_limits(histograms, activation)]
        if any(changed) and "live" in figure:
            figure["live"].invalidate_background()  # new limits: draw the fixed parts again
        shown = layers_to_show(first, last)
        rows = [l - 1 for l in shown]
        act_plot.update(histograms.act_edges, histograms.act_pct[rows], shown)
        grad_plot.update(histograms.grad_edges, histograms.grad_pct[rows], shown)
        percent_plot.update(histograms, activation, first, last)
        return f"{key_html(shown)} &nbsp;|&nbsp; {describe(histograms, activation, last)}"

    controls = {
        "activation": activation_dropdown(activation,
                                          options=("sigmoid", "tanh", "relu", "leaky_relu")),
        "init": choice_dropdown(HIST_INITS, init, "init"),
        "weight_scale": weight_scale_slider(weight_scale, min=0.25, max=3.0),
        "layers": range_slider(layers, 1, hidden_layers, "layers shown"),
    }
    # only the curves, the % line and the shading move when the layer slider moves
    moving = act_plot.curves + grad_plot.curves + [percent_plot.line, percent_plot.span]
    figure["live"] = BlitLiveFigure(fig, update, controls, moving, columns=2)
    return figure["live"]


BENCH_MOVES = [{"layers": (first, HIDDEN_LAYERS)} for first in range(1, HIDDEN_LAYERS)] + [
    {"layers": (1, last)} for last in (3, 6, 10)] + [
    {"activation": a} for a in ("sigmoid", "relu", "leaky_relu", "tanh")] + [
    {"weight_scale": s} for s in (0.5, 2.0, 1.0)] + [{"init": "xavier"}]
