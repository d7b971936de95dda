"""Pure drawing: each plot is built once on an axes and then updated in place with new data.

Nothing here computes network quantities; the callers pass the numbers in.

Magnitudes that span hundreds of decades are drawn as log10(value) on a linear axis with
ticks labelled 1e-300 ... 1e300: matplotlib's own log axis breaks near the float64 limits
(its tick locator overflows past 1e308) and is slower to draw. inf and 0 cannot be placed on
such an axis, so they are marked with a vertical line at the first layer where they occur.
"""
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

FLOAT64_MAX = np.finfo(np.float64).max  # ~1.8e308: beyond it, inf
FLOAT64_TINY = np.finfo(np.float64).smallest_subnormal  # ~4.9e-324: below it, 0


def power_of_ten_axis(axis, max_ticks=7):
    """Label an axis that holds log10 values as 1e-5, 1e0, 1e5, ... (integer decades only)."""
    axis.set_major_locator(MaxNLocator(max_ticks, integer=True, steps=[1, 2, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"1e{int(round(value))}"))


def safe_log10(values):
    """log10 of |values| with inf -> nan and 0 -> nan (they are marked separately)."""
    values = np.abs(np.asarray(values, dtype=float))
    out = np.full(values.shape, np.nan)
    shown = np.isfinite(values) & (values > 0)
    out[shown] = np.log10(values[shown])
    return out


class LayerMagnitudePlot:
    """A magnitude per layer (activations, gradients) on a decades axis.

    ``update(layers, values, note=...)`` redraws. The first inf is marked with a red dashed
    line, the first exact zero (underflow) with a blue one.
    """

    def __init__(self, ax, ylabel, xlabel="layer l", title=None, stepped=False):
        """``stepped=True`` moves the axes limits only in steps (see :func:`stepped_limits`),
        so a blitting figure can reuse its drawn background on most frames."""
        self.ax = ax
        self.stepped = stepped
        (self.line,) = ax.plot([], [], marker="o", markersize=3, linewidth=1.5)
        self.overflow_line = ax.axvline(np.nan, color="crimson", linestyle="--", linewidth=1.5)
        self.underflow_line = ax.axvline(np.nan, color="royalblue", linestyle="--", linewidth=1.5)
        # 1e0: neither growing nor shrinking; below the moving line, as blitting draws it
        ax.axhline(0.0, color="grey", linewidth=0.8, zorder=1)
        self.note = ax.text(0.02, 0.95, "", transform=ax.transAxes, va="top", fontsize=11)
        power_of_ten_axis(ax.yaxis)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.grid(True, alpha=0.3)

    def update(self, layers, values, note=""):
        layers = np.asarray(layers, dtype=float)
        values = np.asarray(values, dtype=float)
        decades = safe_log10(values)
        self.line.set_data(layers, decades)
        # markers help read a few layers; past ~100 they only cost drawing time
        self.line.set_marker("o" if len(layers) <= 101 else "None")
        overflow = np.flatnonzero(~np.isfinite(values))
        underflow = np.flatnonzero(values == 0)
        self.overflow_line.set_xdata([layers[overflow[0]]] * 2 if overflow.size else [np.nan] * 2)
        self.underflow_line.set_xdata([layers[underflow[0]]] * 2 if underflow.size else [np.nan] * 2)
        self.note.set_text(note)
        shown = decades[np.isfinite(decades)]
        low = min(shown.min(), 0.0) if shown.size else -1.0
        high = max(shown.max(), 0.0) if shown.size else 1.0
        if overflow.size:
            high = max(high, np.log10(FLOAT64_MAX))
        if underflow.size:
            low = min(low, np.log10(FLOAT64_TINY))
        if self.stepped:
            xlim, ylim = stepped_limits(layers[-1], low, high)
        else:
            xlim, ylim = fitted_limits(layers, low, high)
        self.ax.set_xlim(*xlim)
        self.ax.set_ylim(*ylim)
        return xlim, ylim

    @property
    def moving_artists(self):
        """What changes from frame to frame when the limits do not (for blitting)."""
        return [self.line, self.overflow_line, self.underflow_line, self.note]


def fitted_limits(layers, low, high):
    """Axes limits that fit the data: every layer, and log10 values low..high with a margin
    and extra room at the top for a note. Returns (xlim, ylim)."""
    margin = max(0.5, 0.08 * (high - low))
    xlim = (layers[0] - 0.5, max(layers[-1], layers[0] + 1) + 0.5)
    return xlim, (low - margin, high + 2.5 * margin)


# right ends of the layer axis and (in decades) of the magnitude axis for stepped limits
LAYER_TIERS = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
DECADE_LADDER = (2, 5, 10, 20, 50, 100, 200, 330)  # float64 spans 1e-324 ... 1e308


def stepped_limits(last_layer, low, high, top_room=1.5):
    """Axes limits that change only in steps: x up to the next of LAYER_TIERS, y (log10
    values, low <= 0 <= high) out to the next rung of DECADE_LADDER each way, with
    ``top_room`` decades above the data for a note. Returns (xlim, ylim)."""
    right = next((tier for tier in LAYER_TIERS if tier >= last_layer), last_layer)
    bottom = next((step for step in DECADE_LADDER if step >= -low + 0.5), DECADE_LADDER[-1])
    top = next((step for step in DECADE_LADDER if step >= high + top_room), DECADE_LADDER[-1])
    return (-0.5, right + 0.5), (-float(bottom), float(top))


class ComparedMagnitudesPlot:
    """Several named magnitudes per layer on one decades axis (e.g. plain vs residual).

    ``update(layers, {label: values or None}, note=...)`` redraws; a label given None is
    hidden. inf, NaN and 0 are left out of a line (the note should say so).
    """

    def __init__(self, ax, labels, ylabel, xlabel="layer l", title=None, colors=None, legend=True):
        self.ax = ax
        colors = colors or [None] * len(labels)
        self.lines = {}
        for label, color in zip(labels, colors):
            (self.lines[label],) = ax.plot([], [], linewidth=1.8, label=label, color=color)
        ax.axhline(0.0, color="grey", linewidth=0.8)  # 1e0
        self.note = ax.text(0.02, 0.95, "", transform=ax.transAxes, va="top", fontsize=10)
        power_of_ten_axis(ax.yaxis)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        if legend:
            ax.legend(loc="upper right", fontsize=9)
        ax.grid(True, alpha=0.3)

    def update(self, layers, values_by_label, note="", autoscale=True):
        """Set the lines; with ``autoscale`` also fit the axes to them. Returns the range of
        log10 values shown, (low, high), always including 0 (that is, 1e0)."""
        layers = np.asarray(layers, dtype=float)
        low, high = 0.0, 0.0
        for label, line in self.lines.items():
            values = values_by_label.get(label)
            if values is None:
                line.set_data([], [])
                continue
            decades = safe_log10(values)
            line.set_data(layers, decades)
            shown = decades[np.isfinite(decades)]
            if shown.size:
                low, high = min(low, shown.min()), max(high, shown.max())
        self.note.set_text(note)
        if autoscale:
            xlim, ylim = fitted_limits(layers, low, high)
            self.ax.set_xlim(*xlim)
            self.ax.set_ylim(*ylim)
        return low, high
