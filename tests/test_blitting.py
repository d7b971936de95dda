"""BlitLiveFigure: a blitted frame shows what a full redraw shows, and moves redraw in place."""
import io
import warnings

import numpy as np
import PIL.Image
import pytest

from helpers.live.blitting import BlitLiveFigure
from helpers.figures.edge_of_chaos import edge_of_chaos
from helpers.figures.notebook07 import jacobian_spectrum
from helpers.live.widgets import new_figure, render_png, weight_scale_slider


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def pixels(png):
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGBA"), dtype=int)


@pytest.mark.parametrize("build, move", [(edge_of_chaos, {"sigma_w2": 2.5}),
                                         (jacobian_spectrum, {"depth": 60})])
def test_blitted_frame_matches_a_full_redraw(build, move):
    live = build()
    live.set(**move)
    blitted = pixels(live.image.value)
    full = pixels(render_png(live.fig))  # draws every artist from scratch
    assert blitted.shape == full.shape
    differing = np.any(np.abs(blitted - full) > 8, axis=-1).mean()
    # only where a moving artist overlaps a fixed one can the stacking order differ
    assert differing < 0.005, f"{differing:.2%} of the pixels differ"


def test_only_dynamic_artists_change_and_background_is_reused():
    fig, ax = new_figure(4, 3)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 3)
    (line,) = ax.plot([0, 1], [1, 1])

    def update(level):
        line.set_ydata([level, level])

    live = BlitLiveFigure(fig, update, {"level": weight_scale_slider(1.0)}, [line])
    background = live._background
    first = pixels(live.image.value)
    live.set(level=2.0)
    assert live._background is background
    assert np.any(pixels(live.image.value) != first)
    live.set(level=1.0)
    np.testing.assert_array_equal(pixels(live.image.value), first)
    live.invalidate_background()
    live.redraw()
    assert live._background is not background
    assert not line.get_animated()  # a plain savefig still draws it
