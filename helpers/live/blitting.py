"""A LiveFigure that draws its fixed parts once and only the moving artists on each frame.

Most of a frame's time goes into text: tick labels, axis labels, legends (about 80% of a
two-panel figure here, measured with cProfile). When a figure's axes limits never change,
all of that is the same on every frame. :class:`BlitLiveFigure` renders the figure once
without its *dynamic* artists, keeps that picture (the "background"), and per frame
restores it and draws just the dynamic artists on top: the classic matplotlib blitting
technique, applied to the Agg canvas that feeds the ``ipywidgets.Image``.

Fixed artists are always under the moving ones, so give any fixed line that a moving
artist may cover a low zorder (or make it dynamic too; legends usually should be). Use it
when the axes are fixed; call :meth:`invalidate_background` after changing
anything that is not in ``dynamic_artists`` (the next frame then draws everything).
A plain ``fig.savefig`` still draws every artist.
"""
import numpy as np

from ..math.checks import quiet_float_errors
from .png import encode_png
from .widgets import LiveFigure


class BlitLiveFigure(LiveFigure):
    """Like :class:`helpers.widgets.LiveFigure`, plus ``dynamic_artists`` redrawn per frame.

    Only :meth:`render` differs, so everything that works with a LiveFigure (``set``, the
    benchmark, a plain ``fig.savefig``, which draws every artist) works with this one too.
    """

    def __init__(self, fig, update, controls, dynamic_artists, columns=None,
                 keyed_by_limits=False):
        """``keyed_by_limits=True``: for figures whose ``update`` moves the axes limits in
        steps and changes nothing else that is fixed — the background is chosen by the
        current limits of every axes (see :meth:`use_background`) before each frame."""
        self.dynamic_artists = list(dynamic_artists)
        self.keyed_by_limits = keyed_by_limits
        self._background = None
        self._saved_backgrounds, self._background_key = {}, None
        super().__init__(fig, update, controls, columns=columns)

    def invalidate_background(self):
        self._background = None
        self._saved_backgrounds.clear()  # drawn before the change: stale too

    MAX_SAVED_BACKGROUNDS = 16  # about 1 MB each at 700x360 px

    def use_background(self, key, drawn_already=False):
        """For figures whose axes limits change in steps: switch to the background drawn for
        axes setting ``key`` (any hashable), keeping the current one, so returning to a
        setting already seen costs no full draw. Call it from ``update`` after setting the
        limits; a new key means the next frame draws everything. ``drawn_already=True``
        labels the background drawn last (e.g. at construction) as ``key``'s."""
        if drawn_already:
            self._background_key = key
            return
        if key == self._background_key:
            return
        if self._background_key is not None and self._background is not None:
            self._saved_backgrounds[self._background_key] = self._background
            while len(self._saved_backgrounds) > self.MAX_SAVED_BACKGROUNDS:
                self._saved_backgrounds.pop(next(iter(self._saved_backgrounds)))  # the oldest
        self._background_key = key
        self._background = self._saved_backgrounds.get(key)

    def _capture_background(self):
        # a full draw skips animated artists: mark the dynamic ones only for this draw
        for artist in self.dynamic_artists:
            artist.set_animated(True)
        try:
            self.fig.canvas.draw()
            self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        finally:
            for artist in self.dynamic_artists:
                artist.set_animated(False)

    def render(self):
        """PNG bytes of the current frame: the kept background plus the dynamic artists."""
        canvas = self.fig.canvas
        if self.keyed_by_limits:
            self.use_background(tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.fig.axes))
        with quiet_float_errors():
            if self._background is None:
                self._capture_background()
            else:
                canvas.restore_region(self._background)
            # in zorder, as a full draw would stack them (legends, zorder 5, end on top)
            for artist in sorted(self.dynamic_artists, key=lambda artist: artist.get_zorder()):
                (artist.axes or self.fig).draw_artist(artist)
        return encode_png(np.asarray(canvas.buffer_rgba()))
