"""helpers.live.blitting: a blitted frame shows what a full draw shows, and the fixed parts
are drawn once per background key (the axes limits unless a figure says otherwise)."""
import io

import numpy as np
import PIL.Image
import pytest

from helpers.figures import FIGURES
from helpers.live.blitting import BlitLiveFigure
from helpers.live.widgets import new_figure, render_png, number_slider


def pixels(png):
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGBA"), dtype=int)


def differing_share(live):
    """The share of pixels where the blitted frame and a full draw of the figure differ."""
    blitted, full = pixels(live.image.value), pixels(render_png(live.fig))
    assert blitted.shape == full.shape
    return np.any(np.abs(blitted - full) > 8, axis=-1).mean()


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_figure_blits_the_picture_a_full_draw_makes(name):
    builder, moves = FIGURES[name]
    live = builder()
    # a handful of moves across the list, then back to the first (a kept background)
    for move in moves[::max(1, len(moves) // 5)] + moves[:1]:
        live.set(**move)
        # only where a moving artist overlaps a fixed one can the stacking order differ
        assert differing_share(live) < 0.005, move


def level_figure(**kwargs):
    fig, ax = new_figure(4, 3)
    ax.set_xlim(0, 1)
    (line,) = ax.plot([0, 1], [1, 1])

    def update(level, top):
        line.set_ydata([level, level])
        ax.set_ylim(0, top)

    controls = {"level": number_slider(1.0, 0.1, 3.0, "scale"), "top": number_slider(3.0, 0.1, 3.0, "top")}
    return BlitLiveFigure(fig, update, controls, [line], **kwargs), line


def test_a_background_is_drawn_once_per_axes_limits_and_reused():
    live, line = level_figure()
    assert live.backgrounds_drawn == 1  # the first frame's
    first = pixels(live.image.value)
    live.set(level=2.0)  # only the moving line changes: no new background
    assert live.backgrounds_drawn == 1 and np.any(pixels(live.image.value) != first)
    live.set(level=1.0)
    np.testing.assert_array_equal(pixels(live.image.value), first)
    live.set(top=2.0)  # new limits: the fixed parts are drawn once more
    assert live.backgrounds_drawn == 2
    live.set(top=3.0)  # back to limits seen before: their background is still kept
    assert live.backgrounds_drawn == 2
    np.testing.assert_array_equal(pixels(live.image.value), first)
    assert not line.get_animated()  # a plain savefig still draws it


def test_the_least_recently_used_background_goes_first():
    live, _ = level_figure()
    tops = [1.0 + 0.05 * i for i in range(1, BlitLiveFigure.MAX_BACKGROUNDS + 1)]
    for top in tops:  # 16 new limits after the first frame's: the first frame's goes
        live.set(top=top)
    assert live.backgrounds_drawn == 1 + len(tops)
    live.set(top=tops[-1])
    assert live.backgrounds_drawn == 1 + len(tops)
    live.set(top=3.0)
    assert live.backgrounds_drawn == 2 + len(tops)


def test_a_key_function_says_what_else_the_fixed_parts_show():
    fig, ax = new_figure(4, 3)
    (line,) = ax.plot([0, 1], [0, 1])
    state = {"label": None}

    def update(level):
        label = "high" if level > 1 else "low"
        if label != state["label"]:
            ax.set_ylabel(label)  # a fixed part that is not a limit
            state["label"] = label
        line.set_ydata([0, level])

    live = BlitLiveFigure(fig, update, {"level": number_slider(0.5, 0.1, 3.0, "level")}, [line],
                          background_key=lambda: (ax.get_ylim(), state["label"]))
    live.set(level=2.0)
    assert live.backgrounds_drawn == 2 and differing_share(live) < 0.005
