"""helpers.figures.notebook04: the std of a^[l] per layer under each initialization scheme."""
import time

import numpy as np

from helpers.figures import FIGURES
from helpers.figures.notebook04 import initialization_through_depth
from helpers.course.notebook04 import SCHEME_NAMES


def test_figure_is_registered_and_every_bench_move_redraws():
    builder, moves = FIGURES["04_initialization_through_depth"]
    live = builder()
    assert set(live.controls) == {"scheme", "activation", "depth", "width"}
    assert {option[1] for option in live.controls["scheme"].options} == set(SCHEME_NAMES)
    for move in moves:
        before = live.image.value
        live.set(**move)
        assert live.image.value[:4] == b"\x89PNG"
        assert live.image.value != before or move.get("scheme") == "lecun"
    note = live.fig.axes[0].texts[0]  # the message drawn inside the figure
    live.set(scheme="zeros", activation="relu", depth=30)
    assert "same value (std 0) from layer 1" in note.get_text()
    live.set(scheme="he", depth=50)
    assert "std of a^[50]" in note.get_text()


def test_cached_redraw_is_fast():
    live = initialization_through_depth()
    live.set(depth=40)  # warm: the curve is cached after the first frame
    times = []
    for depth in (20, 30, 40, 50, 60):
        started = time.perf_counter()
        live.set(depth=depth)
        times.append(time.perf_counter() - started)
    # the target is 50 ms; a loose bound here, as the test machine may be busy
    assert np.median(times) < 0.5
