"""A LiveFigure that draws its fixed parts once and only the moving artists on each frame.

Most of a frame's time goes into text: tick labels, axis labels, legends (about 80% of a
two-panel figure here, measured with cProfile). When a figure's axes limits stay the same,
all of that is the same on every frame. :class:`BlitLiveFigure` renders the figure once
without its *moving* artists, keeps that picture (the "background"), and per frame restores
it and draws just the moving artists on top: the classic matplotlib blitting technique,
applied to the Agg canvas that feeds the ``ipywidgets.Image``.

The one rule: a background is kept per *key*, by default the limits of every axes, so a
figure whose limits move in steps (:func:`helpers.drawing.stepped_limits`) draws each
setting's fixed parts once and returns to it for free. A figure whose fixed parts change in
another way too (a legend, an axis label) passes ``background_key``, a function of no
arguments that returns everything they depend on. Fixed artists are always under the moving
ones, so give a fixed line that a moving artist may cover a low zorder. A plain
``fig.savefig`` still draws every artist.
"""
from collections import OrderedDict

import matplotlib
import numpy as np
from matplotlib.text import Text

from ..math.checks import quiet_float_errors
from .png import encode_png
from .widgets import FRAME_STYLE, LiveFigure


def axes_limits(fig):
    """The x and y limits of every axes of ``fig``: the default background key."""
    return tuple((ax.get_xlim(), ax.get_ylim()) for ax in fig.axes)


class BlitLiveFigure(LiveFigure):
    """Like :class:`helpers.live.widgets.LiveFigure`, plus ``moving_artists`` drawn per frame.

    Only :meth:`render` differs, so everything that works with a LiveFigure (``set``, the
    benchmark, a plain ``fig.savefig``, which draws every artist) works with this one too.
    """

    MAX_BACKGROUNDS = 16  # the most recently used; about 1 MB each at 700 x 360 pixels

    def __init__(self, fig, update, controls, moving_artists, columns=None,
                 background_key=None, inactive=None):
        self.moving_artists = list(moving_artists)
        self.background_key = background_key or (lambda: axes_limits(fig))
        self._backgrounds = OrderedDict()  # key -> the picture of the fixed parts
        self.backgrounds_drawn = 0  # full draws so far: the slow frames (the bench counts them)
        super().__init__(fig, update, controls, columns=columns, inactive=inactive)

    def render(self):
        """PNG bytes of the current frame: the background of this key plus the moving artists."""
        canvas = self.fig.canvas
        key = self.background_key()
        with quiet_float_errors(), matplotlib.rc_context(FRAME_STYLE):  # ticks near 1e308 are fine
            if key in self._backgrounds:
                self._backgrounds.move_to_end(key)
                canvas.restore_region(self._backgrounds[key])
            else:
                self._backgrounds[key] = self._draw_background()
                while len(self._backgrounds) > self.MAX_BACKGROUNDS:
                    self._backgrounds.popitem(last=False)
            # in zorder, as a full draw would stack them (legends, zorder 5, end on top)
            for artist in sorted(self.moving_artists, key=lambda artist: artist.get_zorder()):
                (artist.axes or self.fig).draw_artist(artist)
        return encode_png(np.asarray(canvas.buffer_rgba()))

    def drawn_numbers(self):
        """The moving texts on show that hold a number (notes, titles with a value)."""
        texts = (" ".join(artist.get_text().split()) for artist in self.moving_artists
                 if isinstance(artist, Text) and artist.get_visible())
        return [text for text in texts if any(char.isdigit() for char in text)]

    def _forget_backgrounds(self):
        self._backgrounds.clear()

    def _draw_background(self):
        """Draw every fixed artist and keep the picture (a full draw skips animated artists,
        so the moving ones are marked animated for this draw only)."""
        self.backgrounds_drawn += 1
        for artist in self.moving_artists:
            artist.set_animated(True)
        try:
            self.fig.canvas.draw()
            return self.fig.canvas.copy_from_bbox(self.fig.bbox)
        finally:
            for artist in self.moving_artists:
                artist.set_animated(False)
