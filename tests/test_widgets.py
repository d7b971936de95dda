"""helpers.live.widgets: the LiveFigure pattern, the controls, and the progress bar."""
import ipywidgets
import pytest

from helpers.live import widgets as live_widgets
from helpers.live.png import PNG_SIGNATURE
from helpers.live.widgets import (
    LiveFigure,
    new_figure,
    progress,
    range_slider,
    number_slider,
    width_slider,
)


def counting_figure():
    fig, ax = new_figure(3, 2)
    (line,) = ax.plot([0, 1], [0, 1])
    calls = []

    def update(scale, width):
        calls.append((scale, width))
        line.set_ydata([0, scale])
        return f"scale {scale}, width {width}"

    controls = {"scale": number_slider(1.0, 0.1, 3.0, "scale"), "width": width_slider(8)}
    return LiveFigure(fig, update, controls), calls


def test_a_live_figure_draws_its_first_frame_and_redraws_on_every_move():
    live, calls = counting_figure()
    assert calls == [(1.0, 8)] and bytes(live.image.value[:8]) == PNG_SIGNATURE
    assert live.status.value == "scale 1.0, width 8"
    first = live.image.value
    live.controls["scale"].value = 2.0  # as a slider moved in the browser
    assert calls[-1] == (2.0, 8) and live.image.value != first


def test_set_moves_several_controls_and_redraws_once():
    live, calls = counting_figure()
    live.set(scale=0.5, width=16)
    assert calls[1:] == [(0.5, 16)]
    assert live.values() == {"scale": 0.5, "width": 16}
    with pytest.raises(ValueError, match=r"unknown control\(s\) \['depth'\]; this figure has: "
                                         r"scale, width"):
        live.set(depth=3)


def test_the_image_is_as_wide_as_the_figure():
    live, _ = counting_figure()
    assert live.image.layout.width == "300px"  # 3 inches at 100 dpi: no stretching, no blur


def test_range_slider_picks_a_whole_number_range():
    slider = range_slider((2, 5), 1, 10, "layers shown")
    assert slider.value == (2, 5) and (slider.min, slider.max, slider.step) == (1, 10, 1)
    slider.value = (0, 12)  # the widget clamps to its range
    assert slider.value == (1, 10)


def test_progress_yields_every_item_and_counts_them_on_its_bar(monkeypatch):
    bars, shown = [], []

    class RecordedBar(ipywidgets.IntProgress):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            bars.append(self)

    monkeypatch.setattr(live_widgets.widgets, "IntProgress", RecordedBar)
    monkeypatch.setattr("IPython.display.display", shown.append)
    seen = [(item, bars[0].value) for item in progress(["a", "b", "c"], description="training")]
    assert seen == [("a", 0), ("b", 1), ("c", 2)]  # the bar counts what is done
    bar = bars[0]
    assert (bar.value, bar.max, bar.description, bar.bar_style) == (3, 3, "training", "success")
    assert not shown  # outside a notebook kernel nothing is displayed


def test_progress_takes_a_total_for_iterables_without_a_length():
    items = list(progress((n * n for n in range(4)), total=4))
    assert items == [0, 1, 4, 9]
