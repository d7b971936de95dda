"""Notebook 03: what each hidden layer's activations and gradients look like.

In the spirit of Glorot & Bengio (2010), figures 3-7: histograms of the activations a^[l]
and of the back-propagated gradients dL/dz^[l], one curve per layer, for a deep network on a
random batch. Below them, per layer, the % of saturated tanh/sigmoid units (|tanh| > 0.97)
and the % of dead ReLU units. :func:`helpers.course.notebook03.layer_histograms` computes
every layer once per setting of (activation, init, weight scale); moving the layer slider
only swaps which of them are drawn.
"""
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import Affine2D, ScaledTranslation

from ..drawing import place_axis_labels, power_of_ten_axis
from ..live.blitting import BlitLiveFigure
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    new_figure,
    number_slider,
    range_slider,
)
from ..math.activations import get_activation
from ..math.statistics import nice_ceiling
from ..course.notebook03 import HISTOGRAM_BINS as BINS
from ..course.notebook03 import HISTOGRAM_INITS, HISTOGRAM_LAYERS, layer_histograms
from ..palette import OKABE_ITO, SEQUENCE, SEQUENCE_STYLES, TEXT_GREY

MAX_CURVES = 5  # layers drawn at once: more curves on one axes stop being readable
# the course palette's series colours in order, the first for the layer nearest the input, each
# with its own line style: five curves share an axes, so colour is not the only cue
CURVE_COLOURS = tuple(SEQUENCE[:MAX_CURVES])
CURVE_STYLES = tuple(SEQUENCE_STYLES[:MAX_CURVES])
PERCENT_COLOUR = OKABE_ITO["black"]  # % saturated or dead per layer
SHOWN_COLOUR = OKABE_ITO["sky blue"]  # the band behind the layers on show


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
                                 linestyle=style, linewidth=2)
                       for colour, style in zip(CURVE_COLOURS, CURVE_STYLES)]
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        place_axis_labels(ax, "0.000")  # the widest y labels: small percentages
        ax.grid(True, alpha=0.3)

    def set_limits(self, edges, all_rows):
        """Axes limits that fit every layer's histogram, so moving the layer slider never
        changes them (and the fixed parts of the figure need not be drawn again)."""
        top = 1.1 * max(all_rows.max(), 1e-3)
        self.ax.set_xlim(float(edges[0]), float(edges[-1]))
        self.ax.set_ylim(0.0, nice_ceiling(top) if top <= 100 else 105.0)  # never above 100 %

    def update(self, edges, rows, layers):
        """rows: the (BINS,) percentages of each layer in ``layers``."""
        for i, curve in enumerate(self.curves):
            if i < len(layers):
                curve.set_data(values=rows[i], edges=edges)
            curve.set_visible(i < len(layers))


class LayerPercentPlot:
    """Per layer, % saturated (tanh, sigmoid) or % dead (ReLU), with the layers on show shaded.

    Which of the two it shows is written inside the axes (a moving artist), so the axes
    themselves never change and are drawn once.
    """

    def __init__(self, ax, hidden_layers):
        self.ax = ax
        (self.line,) = ax.plot([], [], marker="o", markersize=4, color=PERCENT_COLOUR)
        self.span = ax.axvspan(0.5, 1.5, color=SHOWN_COLOUR, alpha=0.2)
        self.label = ax.text(0.01, 0.9, "", transform=ax.transAxes, va="top", color=TEXT_GREY)
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(3))
        ax.set_xlabel("hidden layer l")
        ax.set_ylabel("% of units")
        place_axis_labels(ax, "100")
        ax.set_xlim(0.5, hidden_layers + 0.5)
        ax.set_ylim(-3, 103)
        ax.grid(True, alpha=0.3)

    def update(self, histograms, activation, first, last):
        saturates = get_activation(activation).saturates
        self.label.set_text("saturated" if saturates else "dead")
        layers = np.arange(1, histograms.hidden_layers + 1)
        self.line.set_data(layers, histograms.saturated_pct if saturates else histograms.dead_pct)
        self.span.set_x(first - 0.5)
        self.span.set_width(last - first + 1)

    @property
    def moving_artists(self):
        return [self.line, self.span, self.label]


def key_html(layers):
    """The colour of each layer on show, for the HTML status line above the figure."""
    return " &nbsp; ".join(f'<span style="color:{colour}"><b>━ layer {layer}</b></span>'
                           for layer, colour in zip(layers, CURVE_COLOURS))


class LayerKey:
    """The key to the histograms' curves, inside the picture (so a stored or exported frame
    carries it): one entry per curve on show, "layer l" in its colour and line style, in one
    row at the top right of the bottom panel, on a white frame. Entries for curves not drawn
    are hidden.

    Drawn on every frame, so it is made of plain artists laid out in points from the panel's
    top-right corner (a matplotlib legend lays itself out again on each draw: 12.6 ms of a
    35 ms frame, measured with cProfile; these artists draw in about 3.5 ms).
    """

    FONT_PT = 9
    LINE_PT, GAP_PT, ENTRY_PT, PAD_PT = 20, 4, 66, 4  # one entry: line, gap, "layer 10", space

    def __init__(self, ax):
        # (x, y) in points from the axes' top-right corner, at any dpi and figure size
        corner = (Affine2D().scale(1 / 72) + ax.figure.dpi_scale_trans
                  + ScaledTranslation(1, 1, ax.transAxes))
        height = 2 * self.PAD_PT + 1.4 * self.FONT_PT
        self.middle = -self.PAD_PT - height / 2
        self.frame = Rectangle((0, -height - self.PAD_PT), 0, height, transform=corner,
                               facecolor="white", edgecolor="#cccccc", alpha=0.9, zorder=5)
        self.handles = [Line2D([], [], transform=corner, color=colour, linestyle=style,
                               linewidth=2, zorder=6)
                        for colour, style in zip(CURVE_COLOURS, CURVE_STYLES)]
        self.texts = [Text(0, self.middle, "", transform=corner, fontsize=self.FONT_PT,
                           va="center", zorder=6) for _ in range(MAX_CURVES)]
        for artist in self.artists:
            ax.add_artist(artist)
        self.update(list(range(1, MAX_CURVES + 1)))

    @property
    def artists(self):
        return [self.frame, *self.handles, *self.texts]

    def update(self, layers):
        """Entries for ``layers`` (at most MAX_CURVES), the frame as wide as they need."""
        width = len(layers) * self.ENTRY_PT + self.PAD_PT
        self.frame.set_x(-width - self.PAD_PT)
        self.frame.set_width(width)
        for i, (handle, text) in enumerate(zip(self.handles, self.texts)):
            shown = i < len(layers)
            left = -width + i * self.ENTRY_PT
            handle.set_data([left, left + self.LINE_PT], [self.middle, self.middle])
            text.set_position((left + self.LINE_PT + self.GAP_PT, self.middle))
            text.set_text(f"layer {layers[i]}" if shown else "")
            handle.set_visible(shown)
            text.set_visible(shown)

    def labels(self):
        """The texts of the entries on show (for tests)."""
        return [text.get_text() for text in self.texts if text.get_visible()]

    def window_extent(self):
        """Where the key sits in the picture, in pixels (for tests)."""
        return self.frame.get_window_extent()


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
                          layers=(1, HISTOGRAM_LAYERS), hidden_layers=HISTOGRAM_LAYERS):
    """Sliders for activation, init, weight scale and the layers on show; per-layer histograms."""
    fig, axes = new_figure(7.5, 5.0, nrows=2, ncols=2, gridspec_kw={"height_ratios": [2, 1]})
    grid = axes[0, 0].get_gridspec()
    axes[1, 0].remove()
    axes[1, 1].remove()
    act_plot = HistogramStackPlot(axes[0, 0], "activation value a^[l]")
    grad_plot = HistogramStackPlot(axes[0, 1], "size of the entries |dL/dz^[l]|")
    power_of_ten_axis(grad_plot.ax.xaxis, max_ticks=5)  # the histogram is over log10 |.|
    percent_plot = LayerPercentPlot(fig.add_subplot(grid[1, :]), hidden_layers)
    key = LayerKey(percent_plot.ax)

    def update(activation, init, weight_scale, layers):
        first, last = layers
        histograms = layer_histograms(activation, init, weight_scale, hidden_layers)
        act_plot.set_limits(histograms.act_edges, histograms.act_pct)
        grad_plot.set_limits(histograms.grad_edges, histograms.grad_pct)
        shown = layers_to_show(first, last)
        rows = [l - 1 for l in shown]
        act_plot.update(histograms.act_edges, histograms.act_pct[rows], shown)
        grad_plot.update(histograms.grad_edges, histograms.grad_pct[rows], shown)
        percent_plot.update(histograms, activation, first, last)
        key.update(shown)
        return f"{key_html(shown)} &nbsp;|&nbsp; {describe(histograms, activation, last)}"

    controls = {
        "activation": activation_dropdown(activation,
                                          options=("sigmoid", "tanh", "relu", "leaky_relu")),
        "init": choice_dropdown(HISTOGRAM_INITS, init, "init"),
        "weight_scale": number_slider(weight_scale, 0.25, 3.0, "weight scale"),
        "layers": range_slider(layers, 1, hidden_layers, "layers shown"),
    }
    moving = act_plot.curves + grad_plot.curves + percent_plot.moving_artists + key.artists
    live = BlitLiveFigure(fig, update, controls, moving, columns=2)
    live.key = key
    return live


BENCH_MOVES = [{"layers": (first, HISTOGRAM_LAYERS)} for first in range(1, HISTOGRAM_LAYERS)] + [
    {"layers": (1, last)} for last in (3, 6, 10)] + [
    {"activation": a} for a in ("sigmoid", "relu", "leaky_relu", "tanh")] + [
    {"weight_scale": s} for s in (0.5, 2.0, 1.0)] + [{"init": "xavier"}]
