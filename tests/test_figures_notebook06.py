"""helpers.figures.notebook06: plain and residual gradients, drawn in steps."""
import warnings

import numpy as np
import pytest

from helpers.figures import FIGURES
from helpers.figures.notebook06 import plain_vs_residual


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_every_bench_move_redraws_without_warnings():
    builder, moves = FIGURES["06_plain_vs_residual"]
    live = builder()
    for move in moves:
        live.set(**move)
        assert live.image.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert "‖∂L/∂W^[1]‖ / ‖∂L/∂W^[L]‖" in live.status.value


def test_network_choice_hides_a_line():
    live = plain_vs_residual(depth=30, network="plain")
    assert "residual" not in live.status.value
    live.set(network="residual")
    assert "plain" not in live.status.value


def test_axes_move_in_steps_so_the_background_is_reused():
    live = plain_vs_residual(depth=60, activation="sigmoid")
    limits = (live.fig.axes[0].get_xlim(), live.fig.axes[0].get_ylim())
    live.set(depth=65)
    assert live._background is not None  # a small move keeps the drawn background
    assert (live.fig.axes[0].get_xlim(), live.fig.axes[0].get_ylim())[0] == limits[0]
    live.set(depth=150)
    assert live.fig.axes[0].get_xlim() == (0.5, 150.5)


def _pixels(png):
    import io

    import PIL.Image

    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGBA"), dtype=int)


def test_going_back_to_a_setting_reuses_its_background_and_draws_the_right_picture():
    from helpers.live.blitting import BlitLiveFigure
    from helpers.live.widgets import render_png

    draws = []
    live = plain_vs_residual(depth=40, activation="relu")
    capture = live._capture_background
    live._capture_background = lambda: (draws.append(1), capture())[1]
    live.set(depth=150, activation="sigmoid")  # new axes: one full draw
    assert len(draws) == 1
    live.set(depth=40, activation="relu")      # back to the first setting: none
    live.set(depth=45)                         # same axes tier: none
    assert len(draws) == 1
    blitted = _pixels(live.image.value)
    full = _pixels(render_png(live.fig))       # every artist drawn from scratch
    differing = np.any(np.abs(blitted - full) > 8, axis=-1).mean()
    assert differing < 0.005, f"{differing:.2%} of the pixels differ"
    assert isinstance(live, BlitLiveFigure)
