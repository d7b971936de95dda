"""The naive way to draw a course figure, for comparison with the fast LiveFigure pattern.

The usual notebook slider is ``ipywidgets.interact(draw, ...)`` where ``draw`` makes a new
figure on every move, computes, plots and calls ``plt.show()``. Under the inline backend,
``plt.show()`` displays the figure, and displaying a figure renders it with IPython's
``print_figure(fig, "png", bbox_inches="tight")`` (the inline backend's default) — a full
draw to measure the tight box, then a second draw into the PNG.

To compare like with like, the naive frame here reuses each figure's own code: it calls the
registered builder to make a *fresh* figure (its axes, artists and layout), runs the
figure's own ``update`` for the control values (the same computation), and renders the
inline backend's way. Nothing is drawn while the builder runs, so the only differences from
``live.set(...)`` are the ones the fast pattern removes: a new figure per move and the
``bbox_inches="tight"`` render. (The pyplot figure manager and the Output widget's clear and
redisplay, which a real ``interact`` adds, are left out, so the measured speedup is, if
anything, too small.)
"""
from contextlib import ExitStack, contextmanager
from unittest import mock

from IPython.core.pylabtools import print_figure

from helpers.live.widgets import LiveFigure

SLIDER_TYPES = ("IntSlider", "FloatSlider", "FloatLogSlider")


def _live_figure_classes(cls=LiveFigure):
    """LiveFigure and every subclass (e.g. helpers.live.blitting.BlitLiveFigure), recursively."""
    yield cls
    for subclass in cls.__subclasses__():
        yield from _live_figure_classes(subclass)


@contextmanager
def no_drawing_while_building():
    """Builders draw their first frame in ``LiveFigure.__init__``; the naive frame draws its own.

    Every LiveFigure class that defines its own ``redraw`` is silenced while the block runs.
    """
    with ExitStack() as patches:
        for cls in _live_figure_classes():
            if "redraw" in vars(cls):
                patches.enter_context(mock.patch.object(cls, "redraw", lambda self: None))
        yield


def fresh_figure(builder, values):
    """A new figure from ``builder`` with ``update(**values)`` applied: (LiveFigure, status message)."""
    with no_drawing_while_building():
        live = builder()
    message = live.update(**values)
    return live, message


def show_animated_artists(fig):
    """Blitting figures mark their moving artists animated, which a full draw skips; a figure
    drawn the naive way has no blitting, so it draws them like any other artist."""
    for artist in fig.findobj(lambda artist: artist.get_animated()):
        artist.set_animated(False)


def close_widgets(live):
    """Close a LiveFigure's widgets (ipywidgets keeps every open widget alive in a registry)."""
    pending = [live.widget]
    while pending:
        widget = pending.pop()
        pending.extend(getattr(widget, "children", ()))
        widget.close()


def naive_png(builder, values):
    """One frame drawn the naive way: fresh figure, same update, inline-backend tight PNG bytes."""
    live, _ = fresh_figure(builder, values)
    show_animated_artists(live.fig)
    png = print_figure(live.fig, "png", bbox_inches="tight")
    close_widgets(live)
    return png


def first_slider_name(live):
    """The name of the first slider control of a LiveFigure (None if it has no slider)."""
    for name, control in live.controls.items():
        if type(control).__name__ in SLIDER_TYPES:
            return name
    return None


def naive_interactive(builder):
    """An ``ipywidgets.interactive`` on the figure's first slider that redraws the naive way.

    The other controls keep the builder's defaults. Each move builds a fresh figure and shows it
    with ``IPython.display.display(fig)`` — exactly what ``plt.show()`` does under the inline
    backend (run ``%matplotlib inline`` first so figures display as PNG).
    """
    import ipywidgets
    from IPython.display import display

    with no_drawing_while_building():
        template = builder()
    values = template.values()
    slider_name = first_slider_name(template)
    if slider_name is None:
        raise ValueError("this figure has no slider to move")
    slider = template.controls[slider_name]
    slider.unobserve_all("value")  # the template LiveFigure must not redraw (fast) as well

    def draw(**moved):
        live, _ = fresh_figure(builder, {**values, **moved})
        show_animated_artists(live.fig)
        display(live.fig)
        close_widgets(live)

    return ipywidgets.interactive(draw, **{slider_name: slider})
