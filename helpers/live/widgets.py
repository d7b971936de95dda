"""Sliders wired to figures that redraw fast.

The pattern (measured in bench/): build a matplotlib Figure once, without pyplot, with the
Agg canvas; on every slider move update the existing artists and render the canvas to a PNG
that goes into an ``ipywidgets.Image``. That avoids pyplot's figure manager, the inline
backend's ``bbox_inches="tight"`` pass and a new Output area per frame.
"""
import base64
import html
import textwrap

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from matplotlib.text import Text

from ..math.activations import ACTIVATION_NAMES
from ..math.checks import quiet_float_errors
from ..palette import TEXT_GREY
from .names import ControlNames
from .png import encode_png

FIGURE_DPI = 100
# At presenter scale (LiveFigure.present) every text of the figure is at least this many CSS
# pixels tall on screen: a room reads 18 px from the back; one more for rounding.
PRESENTER_TEXT_PX = 19
# Text is the slowest part of drawing a frame, and FreeType's hinting triples the time to lay
# out a label (measured: 86 instead of 248 microseconds for "1e-300"); at 100 dpi the
# difference does not show. Every frame is drawn in this style.
FRAME_STYLE = {"text.hinting": "none"}


def new_figure(width=7.0, height=3.6, **subplot_kwargs):
    """A Figure with an Agg canvas (no pyplot) and its axes; sizes in inches at FIGURE_DPI."""
    fig = Figure(figsize=(width, height), dpi=FIGURE_DPI)
    FigureCanvasAgg(fig)
    axes = fig.subplots(**subplot_kwargs)
    return fig, axes


def smallest_text_pt(fig):
    """The font size, in points, of the smallest text ``fig`` draws (tick labels included)."""
    sizes = [text.get_fontsize() for text in fig.findobj(Text) if text.get_visible()]
    return min(sizes) if sizes else 10.0


def presenter_size(base_size, smallest_pt, css_width, pixel_ratio=1.0,
                   text_px=PRESENTER_TEXT_PX):
    """(dpi, (width, height) in inches) that show a figure ``css_width`` CSS pixels wide with
    its smallest text ``text_px`` CSS pixels tall and one picture pixel per screen pixel.

    The figure keeps its proportions and, where that is enough, its designed size in inches
    (``base_size``): it is only drawn at a higher dpi, so it looks as in the notebook, larger.
    Where the smallest text would then come out below ``text_px``, the figure gets fewer
    inches instead, so its fonts (in points) take a larger share of it.
    """
    css_width, pixel_ratio = float(css_width), float(pixel_ratio)
    if not (css_width >= 100 and 0.5 <= pixel_ratio <= 4):
        raise ValueError(f"need css_width >= 100 and 0.5 <= pixel_ratio <= 4, got "
                         f"css_width={css_width}, pixel_ratio={pixel_ratio}")
    if not smallest_pt > 0:
        raise ValueError(f"smallest_pt must be a positive font size, got {smallest_pt}")
    base_width, base_height = base_size
    # CSS pixels per inch: the designed size, or more where the smallest font needs it
    css_dpi = max(text_px * 72 / smallest_pt, css_width / base_width)
    width_in = css_width / css_dpi
    return css_dpi * pixel_ratio, (width_in, width_in * base_height / base_width)


def render_png(fig):
    """Draw ``fig`` on its Agg canvas and return PNG bytes (``helpers.live.png``: unfiltered rows at
    zlib level 1, about half the encoding time of PIL's fastest level, same pixels)."""
    with quiet_float_errors(), matplotlib.rc_context(FRAME_STYLE):  # ticks near 1e308 are fine
        fig.canvas.draw()
    return encode_png(np.asarray(fig.canvas.buffer_rgba()))


class LiveFigure:
    """Controls plus a figure that ``update(**values)`` redraws in place on every change.

    ``controls`` maps each keyword of ``update`` to a widget with a ``value``. Display the
    object (last line of a cell) to show it; call :meth:`set` to move controls from code
    (the benchmark and the tests do).

    ``inactive(**values)``, optional, returns {control name: why it changes nothing} for the
    current setting: those controls are disabled, with the reason as their tooltip and under
    the figure's status line (e.g. the width of a scaled identity matrix).

    Displayed, the figure's output carries, next to the live widget, a still picture of the
    frame on show with a caption that names the sliders and their setting (``image/png``),
    and that caption as text: renderers without a kernel (GitHub, nbviewer, nbconvert's HTML,
    JupyterLab before the notebook runs) show the picture instead of the widget's
    ``VBox(...)`` text.
    """

    def __init__(self, fig, update, controls, columns=None, inactive=None):
        self.fig = fig
        self.base_size = tuple(fig.get_size_inches())  # the notebook's size, in inches
        self._lay_out()
        self.update = update
        self.inactive = inactive or (lambda **values: {})
        self.controls = dict(controls)
        width_px = int(round(fig.get_figwidth() * fig.dpi))
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width_px}px"))
        self.status = widgets.HTML()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        boxes = list(self.controls.values())
        rows = [widgets.HBox(boxes[i:i + columns]) for i in range(0, len(boxes), columns)] \
            if columns else [widgets.HBox(boxes, layout=widgets.Layout(flex_flow="row wrap"))]
        # ControlNames gives every slider and dropdown its label as its accessible name
        self.widget = widgets.VBox(rows + [self.status, self.image, ControlNames()])
        self.redraw()

    def _lay_out(self):
        """Place the axes for the figure's current size: once per size, never per frame."""
        fig = self.fig
        with quiet_float_errors():
            fig.tight_layout()
        # leave room for tick labels that grow later (1e300 is wider than 1e5)
        fig.subplots_adjust(left=max(fig.subplotpars.left, 0.11))

    # ----- presenter scale ----------------------------------------------------------------------

    def smallest_text_pt(self):
        return smallest_text_pt(self.fig)

    def smallest_text_px(self):
        """The smallest text's height in the picture's own pixels (its font size)."""
        return self.smallest_text_pt() * self.fig.dpi / 72

    def present(self, css_width, pixel_ratio=1.0, text_px=PRESENTER_TEXT_PX, redraw=True):
        """Draw at presenter scale: ``css_width`` CSS pixels wide on screen, with every text at
        least ``text_px`` CSS pixels tall, and as many picture pixels as the screen has
        (``pixel_ratio`` is the browser's devicePixelRatio), so nothing is blown up or blurred.

        The figure keeps its proportions (:func:`presenter_size`), and is laid out again for
        its new size (once, here). With ``redraw=False`` the caller redraws when it is ready.
        """
        dpi, size = presenter_size(self.base_size, self.smallest_text_pt(), css_width,
                                   pixel_ratio, text_px)
        self.fig.set_dpi(dpi)
        self.fig.set_size_inches(size)
        self._lay_out()
        self._forget_backgrounds()
        self.image.layout.width = f"{css_width:.0f}px"
        if redraw:
            self.redraw()

    def _forget_backgrounds(self):
        """Subclasses that keep pictures of the figure drop them here (its size changed)."""

    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self):
        values = self.values()
        unused = self.inactive(**values)
        for name, control in self.controls.items():
            control.disabled = name in unused
            control.tooltip = unused.get(name)
        message = self.update(**values) or ""
        notes = "".join(f"<br><span style='color:{TEXT_GREY}'>{html.escape(self.label(name))} "
                        f"is off: {html.escape(reason)}</span>" for name, reason in unused.items())
        drawn = self.drawn_numbers()
        if drawn:  # what the picture says in numbers, as text too (screen readers, copying)
            notes += (f"<br><span class='drawn-numbers'>In the figure: "
                      f"{html.escape(' · '.join(drawn))}</span>")
        self.status.value = message + notes
        self.image.value = self.render()

    def drawn_numbers(self):
        """The notes drawn inside the figure that carry numbers (override to say which)."""
        return []

    def render(self):
        """PNG bytes of the figure as it is now (subclasses may draw it faster)."""
        return render_png(self.fig)

    def set(self, **values):
        """Move several controls at once, then redraw once."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(
                f"unknown control(s) {sorted(unknown)}; this figure has: {', '.join(self.controls)}")
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.redraw()

    _holding = False  # True while set() moves several controls: redraw once at the end

    def _on_change(self, change):
        if not self._holding:
            self.redraw()

    def label(self, name):
        """What the control ``name`` is called on screen."""
        return self.controls[name].description or name

    def setting(self):
        """The controls and their values as a reader sees them: "depth L = 50, ..."."""
        parts = []
        for name, control in self.controls.items():
            value = getattr(control, "label", None) or control.value  # a dropdown's label
            if isinstance(value, float):
                value = format(value, getattr(control, "readout_format", ".3g"))
            elif isinstance(value, tuple):
                value = "–".join(str(part) for part in value)
            parts.append(f"{self.label(name)} = {value}")
        return ", ".join(parts)

    def caption(self):
        """One sentence for readers without a kernel: the sliders, and the setting shown."""
        names = [self.label(name) for name in self.controls]
        listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        return (f"Live figure with controls for {listed}. This picture shows it at "
                f"{self.setting()}. Run the notebook to move them.")

    def still_png(self):
        """PNG bytes of the frame on show with the caption above it, in the figure's width."""
        frame = np.asarray(self.fig.canvas.buffer_rgba())
        return encode_png(np.vstack([caption_strip(self.caption(), frame.shape[1]), frame]),
                          level=9)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self.still_png()).decode("ascii")
        bundle["text/plain"] = self.caption()
        return bundle


def caption_strip(text, width_px, fontsize=10):
    """An RGBA picture ``width_px`` wide of ``text``, wrapped to fit (grey, on white)."""
    em_px = fontsize * FIGURE_DPI / 72  # DejaVu Sans averages about 0.6 em per character
    lines = textwrap.wrap(text, width=max(20, int(0.95 * width_px / (0.6 * em_px))))
    line_px = 1.45 * em_px
    height_px = int(np.ceil((len(lines) + 0.6) * line_px))
    fig = Figure(figsize=(width_px / FIGURE_DPI, height_px / FIGURE_DPI), dpi=FIGURE_DPI)
    FigureCanvasAgg(fig)
    fig.text(0.012, 1 - 0.3 * line_px / height_px, "\n".join(lines), va="top", ha="left",
             fontsize=fontsize, color="#444444", linespacing=1.45)
    fig.canvas.draw()
    strip = np.asarray(fig.canvas.buffer_rgba())
    return strip[:, :width_px] if strip.shape[1] >= width_px else np.pad(
        strip, ((0, 0), (0, width_px - strip.shape[1]), (0, 0)), constant_values=255)


# ----- controls with sensible ranges and steps -------------------------------------------

def depth_slider(value=10, min=1, max=100, step=1, description="depth L"):
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description,
                             style={"description_width": "initial"})


def width_slider(value=64, min=2, max=256, step=2, description="width n"):
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description,
                             style={"description_width": "initial"})


def number_slider(value, min, max, description, step=0.05):
    """A slider for any real number (a weight scale, a radius, a variance, a bias), its readout
    showing as many decimals as the step has (at least two: 0.025 shows as 0.125)."""
    decimals = len(f"{step:g}".partition(".")[2]) if "e" not in f"{step:g}" else 3
    return widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                               readout_format=f".{decimals if decimals > 2 else 2}f",
                               style={"description_width": "initial"})


def range_slider(value, min, max, description, step=1):
    """A slider with two handles that picks a whole-number range (first, last), both included."""
    return widgets.IntRangeSlider(value=tuple(value), min=min, max=max, step=step,
                                  description=description, style={"description_width": "initial"})


def activation_dropdown(value="tanh", options=ACTIVATION_NAMES, description="activation"):
    return widgets.Dropdown(value=value, options=list(options), description=description)


def choice_dropdown(options, value=None, description=""):
    return widgets.Dropdown(options=list(options), value=value if value is not None else
                            list(options)[0], description=description,
                            style={"description_width": "initial"})


def progress(iterable, total=None, description="running"):
    """Yield from ``iterable`` while a progress bar in the notebook counts along.

    The bar is a widget, so nbval sees only its fixed text form (``IntProgress(...)``
    with value 0) and stored outputs stay stable; outside a notebook nothing is shown.
    """
    from IPython import get_ipython
    from IPython.display import display

    total = len(iterable) if total is None else total
    bar = widgets.IntProgress(value=0, min=0, max=max(total, 1), description=description,
                              style={"description_width": "initial"})
    shell = get_ipython()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        display(bar)
    for count, item in enumerate(iterable, start=1):
        yield item
        bar.value = count
    bar.bar_style = "success"
