"""Pure drawing: a plot is built once on an axes and then updated in place with new data.

Nothing here computes network quantities; the callers pass the numbers in.

Magnitudes that span hundreds of decades are drawn as log10(value) on a linear axis with
ticks labelled 1e-300 ... 1e300: matplotlib's own log axis breaks near the float64 limits
(its tick locator overflows past 1e308) and is slower to draw. inf and 0 cannot be placed on
such an axis: :class:`MagnitudePlot` leaves them out of its lines and can mark where they
begin. Its axes limits move in steps (:func:`stepped_limits`), so a blitting figure
(:mod:`helpers.live.blitting`) redraws its tick labels only when a step is crossed.
"""
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation

from .palette import COLORS, REFERENCE_GREY, SEQUENCE, SEQUENCE_STYLES

FLOAT64_MAX = np.finfo(np.float64).max  # ~1.8e308: beyond it, inf
FLOAT64_TINY = np.finfo(np.float64).smallest_subnormal  # ~4.9e-324: below it, 0

# right ends of the layer (or step) axis, and of the magnitude axis in decades either way
LAYER_TIERS = (10, 20, 50, 100, 150, 200, 500, 1000, 2000, 5000)
DECADE_LADDER = (5, 10, 20, 50, 100, 200, 330)  # float64 spans 1e-324 ... 1e308


def power_of_ten_axis(axis, max_ticks=7):
    """Label an axis that holds log10 values as 1e-5, 1e0, 1e5, ... (integer decades only)."""
    axis.set_major_locator(MaxNLocator(max_ticks, integer=True, steps=[1, 2, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"1e{int(round(value))}"))


def place_axis_labels(ax, widest_ytick_label):
    """Put the axis labels once where the widest tick labels will need them.

    matplotlib otherwise measures every tick label on every full draw to place the axis
    labels (about 15% of a draw); a decades axis knows its widest label in advance, 1e-300.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    offsets = []  # pixels from the axes edge to the axis label
    for axis, widest in ((ax.xaxis, "0"), (ax.yaxis, widest_ytick_label)):
        tick = axis.get_major_ticks()[0]
        width, height, _ = renderer.get_text_width_height_descent(
            widest, tick.label1.get_fontproperties(), ismath=False)
        padding = tick.get_tick_padding() + tick.get_pad() + axis.labelpad  # points
        offsets.append((height if axis is ax.xaxis else width) + padding * fig.dpi / 72)
    down, left = (offset / fig.dpi for offset in offsets)  # inches
    ax.xaxis.set_label_coords(0.5, 0.0, ax.transAxes + ScaledTranslation(0, -down,
                                                                          fig.dpi_scale_trans))
    ax.yaxis.set_label_coords(0.0, 0.5, ax.transAxes + ScaledTranslation(-left, 0,
                                                                          fig.dpi_scale_trans))


def safe_log10(values):
    """log10 of |values| with inf -> nan and 0 -> nan (a plot leaves them out)."""
    values = np.abs(np.asarray(values, dtype=float))
    out = np.full(values.shape, np.nan)
    shown = np.isfinite(values) & (values > 0)
    out[shown] = np.log10(values[shown])
    return out


def stepped_limits(first, last, low, high, top_room=1.5):
    """Axes limits that change only in steps: (xlim, ylim).

    x runs from ``first`` to the next of LAYER_TIERS at or beyond ``last``; y (log10 values,
    low <= 0 <= high) out to the next rung of DECADE_LADDER each way, with ``top_room``
    decades above the data for a note or a legend.
    """
    right = next((tier for tier in LAYER_TIERS if tier >= last), last)
    bottom = next((step for step in DECADE_LADDER if step >= -low + 0.5), DECADE_LADDER[-1])
    top = next((step for step in DECADE_LADDER if step >= high + top_room), DECADE_LADDER[-1])
    return (first - 0.5, right + 0.5), (-float(bottom), float(top))


class MagnitudePlot:
    """Named magnitudes per layer (or time step) on one decades axis, in steps.

    ``update(layers, {label: values or None}, note)`` redraws; a label given None is hidden.
    With ``mark_limits`` the first line's first inf gets a dashed vermillion line and its first exact
    0 (underflow) a dotted blue one, and the axis reaches out to the float64 limits to show them.
    """

    def __init__(self, ax, labels, ylabel, xlabel="layer l", colors=None, styles=None,
                 legend_loc=None, markers_up_to=0, mark_limits=False, top_room=1.5):
        """``styles``: a linestyle per label; ``markers_up_to``: the first line shows its
        points while it has at most that many. The input layer is on the left."""
        self.ax = ax
        self.lines = {}
        for label, color, style in zip(labels, colors or SEQUENCE, styles or SEQUENCE_STYLES):
            (self.lines[label],) = ax.plot([], [], linewidth=1.8, color=color, linestyle=style,
                                           label=label, markersize=3)
        self.markers_up_to = markers_up_to
        self.mark_limits = mark_limits
        self.top_room = top_room
        if legend_loc:  # every line, drawn once with the fixed parts (a hidden line's too)
            ax.legend(loc=legend_loc, fontsize=9)
        self.overflow_line = ax.axvline(np.nan, color=COLORS["overflow"], linestyle="--",
                                        linewidth=1.5, visible=mark_limits)
        self.underflow_line = ax.axvline(np.nan, color=COLORS["underflow"], linestyle=":",
                                         linewidth=1.5, visible=mark_limits)
        # 1e0: neither growing nor shrinking; under the moving lines, as blitting draws it
        ax.axhline(0.0, color=REFERENCE_GREY, linewidth=0.8, zorder=1)
        self.note = ax.text(0.02, 0.95, "", transform=ax.transAxes, va="top", fontsize=10)
        # a few ticks: their labels are most of the time a full draw takes
        power_of_ten_axis(ax.yaxis, max_ticks=6)
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=True, steps=[1, 2, 5, 10]))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        place_axis_labels(ax, "1e-300")
        ax.grid(True, alpha=0.3)

    def update(self, layers, values_by_label, note=""):
        layers = np.asarray(layers, dtype=float)
        low, high = 0.0, 0.0  # 1e0 always shows
        for label, line in self.lines.items():
            values = values_by_label.get(label)
            line.set_visible(values is not None)
            if values is None:
                continue
            decades = safe_log10(values)
            line.set_data(layers, decades)
            finite = decades[np.isfinite(decades)]
            if finite.size:
                low, high = min(low, finite.min()), max(high, finite.max())
        first_line = next(iter(self.lines.values()))
        first_line.set_marker("o" if len(layers) <= self.markers_up_to else "None")
        if self.mark_limits:
            low, high = self._mark_limits(layers, values_by_label[next(iter(self.lines))],
                                          low, high)
        self.note.set_text(note)
        xlim, ylim = stepped_limits(layers[0], layers[-1], low, high, self.top_room)
        self.ax.set_xlim(xlim)
        self.ax.set_ylim(ylim)

    def _mark_limits(self, layers, values, low, high):
        values = np.asarray(values, dtype=float)
        overflow = np.flatnonzero(~np.isfinite(values))
        underflow = np.flatnonzero(values == 0)
        self.overflow_line.set_xdata([layers[overflow[0]]] * 2 if overflow.size else [np.nan] * 2)
        self.underflow_line.set_xdata([layers[underflow[0]]] * 2 if underflow.size
                                      else [np.nan] * 2)
        if overflow.size:
            high = max(high, np.log10(FLOAT64_MAX))
        if underflow.size:
            low = min(low, np.log10(FLOAT64_TINY))
        return low, high

    @property
    def moving_artists(self):
        """What changes from frame to frame when the limits do not (for blitting)."""
        return [*self.lines.values(), self.overflow_line, self.underflow_line, self.note]
