"""Notebook 06's slider figure and the numbers behind it."""
import math
import re
import warnings

import numpy as np
import pytest

from helpers.figures import FIGURES
from helpers.figures.notebook06 import (BRANCH_SCALES, branch_scale_for, build_network,
                                      gradient_norms, plain_vs_residual)


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


def test_sigmoid_gradients_vanish_in_the_plain_network_and_not_in_the_residual_one():
    plain = gradient_norms(100, False, "sigmoid")
    residual = gradient_norms(100, True, "sigmoid", branch_scale_for("1/√L", 100))
    assert plain.shape == residual.shape == (100,)
    assert plain[0] / plain[-1] < 1e-40
    assert residual[0] / residual[-1] > 1e-3
    assert np.all(residual[1:-1] > 0.1 * np.median(residual))  # flat through the hidden layers


def test_axes_move_in_steps_so_the_background_is_reused():
    live = plain_vs_residual(depth=60, activation="sigmoid")
    limits = (live.fig.axes[0].get_xlim(), live.fig.axes[0].get_ylim())
    live.set(depth=65)
    assert live._background is not None  # a small move keeps the drawn background
    assert (live.fig.axes[0].get_xlim(), live.fig.axes[0].get_ylim())[0] == limits[0]
    live.set(depth=150)
    assert live.fig.axes[0].get_xlim() == (0.5, 150.5)


def test_branch_scale_rules_and_bad_input():
    assert branch_scale_for("1 (unscaled)", 100) == 1.0
    assert branch_scale_for("1/√L", 100) == pytest.approx(0.1)
    with pytest.raises(ValueError, match=re.escape(", ".join(BRANCH_SCALES))):
        branch_scale_for("1/L", 100)
    for bad_depth in (2, 10.5, True, "50"):
        with pytest.raises(ValueError, match="depth must be an integer >= 3"):
            build_network(bad_depth, True)
    assert build_network(np.int64(5), True).depth == 5


def test_the_figure_network_is_he_for_relu():
    net = build_network(5, False, activation="relu", width=400, seed=1)
    # LeCun (1/n) times gain(relu)**2 = 2: He's variance 2/n
    assert np.var(net.weights[2]) == pytest.approx(2 / 400, rel=0.02)
    assert math.isclose(net.weight_scale, math.sqrt(2))


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
