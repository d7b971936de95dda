"""A LiveFigure that draws its fixed parts once and only the moving artists on each frame.

Most of a frame's time goes into text: tick labels, axis labels, legends (about 80% of a
two-panel figure here, measured with cProfile). When a figure's axes limits never change,
all of that is the same on every frame. :class:`BlitLiveFigure` renders the figure once
without its *dynamic* artists, keeps that picture (the "background"), and per frame
restores it and draws just the dynamic artists on top: the classic matplotlib blitting
technique, applied to the Agg canvas that feeds the ``ipywidgets.Image``.

Use it when the axes are fixed; call :meth:`invalidate_background` after changing
anything that is not in ``dynamic_artists`` (the next frame then draws everything).
"""
import io

import numpy as np
import PIL.Image

from .widgets import LiveFigure


class BlitLiveFigure(LiveFigure):
    """Like :class:`helpers.widgets.LiveFigure`, plus ``dynamic_artists`` redrawn per frame.

    ``update`` may return a message (shown above the image) and may replace artists in the
    list ``self.dynamic_artists`` (e.g. a new ``fill_between`` polygon).
    """

    def __init__(self, fig, update, controls, dynamic_artists, columns=None):
        self.dynamic_artists = list(dynamic_artists)
        for artist in self.dynamic_artists:
            artist.set_animated(True)  # a full canvas.draw() skips animated artists
        self._background = None
        super().__init__(fig, update, controls, columns=columns)

    def invalidate_background(self):
        self._background = None

    def set_dynamic(self, old, new):
        """Swap artist ``old`` for ``new`` among the dynamic ones (``old`` is removed)."""
        index = self.dynamic_artists.index(old)
        old.remove()
        new.set_animated(True)
        self.dynamic_artists[index] = new

    def render(self):
        """PNG bytes of the current frame."""
        canvas = self.fig.canvas
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            if self._background is None:
                canvas.draw()
                self._background = canvas.copy_from_bbox(self.fig.bbox)
            else:
                canvas.restore_region(self._background)
            for artist in self.dynamic_artists:
                (artist.axes or self.fig).draw_artist(artist)
        rgba = np.asarray(canvas.buffer_rgba())
        buffer = io.BytesIO()
        PIL.Image.fromarray(rgba).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def redraw(self):
        message = self.update(**self.values())
        self.status.value = message or ""
        self.image.value = self.render()
