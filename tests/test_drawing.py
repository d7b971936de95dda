"""helpers.drawing: decades axes, stepped limits and the magnitude plot, drawn for real."""
import numpy as np
import pytest

from helpers.drawing import (
    DECADE_LADDER,
    LAYER_TIERS,
    MagnitudePlot,
    place_axis_labels,
    power_of_ten_axis,
    safe_log10,
    stepped_limits,
)
from helpers.live.widgets import new_figure, render_png


def test_safe_log10_leaves_out_what_a_decades_axis_cannot_show():
    values = np.array([1e-300, 1.0, 1e5, 0.0, np.inf, -1e3, np.nan])
    np.testing.assert_array_equal(safe_log10(values),
                                  [-300.0, 0.0, 5.0, np.nan, np.nan, 3.0, np.nan])


def test_power_of_ten_axis_labels_whole_decades():
    fig, ax = new_figure(4, 3)
    ax.set_ylim(-300, 300)
    power_of_ten_axis(ax.yaxis, max_ticks=7)
    render_png(fig)
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert "1e0" in labels and "1e-200" in labels
    assert all(label.startswith("1e") for label in labels)
    assert len(labels) <= 8


@pytest.mark.parametrize("first, last, low, high", [
    (0, 7, -0.3, 1.2), (1, 60, -45.0, 0.0), (0, 150, -120.0, 17.0), (0, 2000, -323.0, 308.0)])
def test_stepped_limits_cover_the_data_with_room_above(first, last, low, high):
    (left, right), (bottom, top) = stepped_limits(first, last, low, high, top_room=1.5)
    assert left == first - 0.5 and right - 0.5 in LAYER_TIERS and right >= last
    assert -bottom in DECADE_LADDER and top in DECADE_LADDER
    assert bottom <= low and top >= min(high + 1.5, DECADE_LADDER[-1])


def test_stepped_limits_stay_put_for_nearby_data():
    # a slider moved a little: the data change, the limits (and the drawn ticks) do not
    limits = {stepped_limits(0, depth, -0.9 * depth / 10, 1.0) for depth in range(51, 61)}
    assert len(limits) == 1


def test_magnitude_plot_hides_missing_lines_and_keeps_one_legend():
    fig, ax = new_figure(5, 3)
    plot = MagnitudePlot(ax, ["a", "b"], "size", legend_loc="upper right")
    plot.update(np.arange(5), {"a": 10.0 ** np.arange(5), "b": None}, note="hello")
    assert plot.lines["a"].get_visible() and not plot.lines["b"].get_visible()
    np.testing.assert_array_equal(plot.lines["a"].get_ydata(), np.arange(5.0))
    assert plot.note.get_text() == "hello"
    # the legend is a fixed part: it lists every line and never changes with the data
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["a", "b"]
    assert ax.get_legend() not in plot.moving_artists
    render_png(fig)


def test_magnitude_plot_marks_overflow_and_underflow_at_the_float64_limits():
    fig, ax = new_figure(5, 3)
    plot = MagnitudePlot(ax, ["size"], "size", mark_limits=True, markers_up_to=101)
    values = np.array([1.0, 1e200, np.inf, np.inf, 1e-300, 0.0])
    plot.update(np.arange(6), {"size": values})
    assert plot.overflow_line.get_xdata()[0] == 2 and plot.underflow_line.get_xdata()[0] == 5
    bottom, top = ax.get_ylim()
    assert top >= 308 and bottom <= -323  # the axis reaches out to show where they are
    assert plot.lines["size"].get_marker() == "o"  # few points: each one shown
    plot.update(np.arange(200), {"size": np.ones(200)})
    assert np.isnan(plot.overflow_line.get_xdata()[0])
    assert plot.lines["size"].get_marker() == "None"


def test_the_input_layer_is_on_the_left():
    fig, ax = new_figure(5, 3)
    plot = MagnitudePlot(ax, ["g"], "gradient")
    plot.update(np.arange(1, 31), {"g": np.ones(30)})
    left, right = ax.get_xlim()
    assert left < 1 < 30 < right


def test_placed_axis_labels_clear_the_widest_tick_labels_and_never_move():
    fig, ax = new_figure(5, 3)
    power_of_ten_axis(ax.yaxis)
    ax.set_xlabel("layer l")
    ax.set_ylabel("size")
    place_axis_labels(ax, "1e-300")
    positions = []
    for bottom in (-2.0, -330.0):  # narrow tick labels, then the widest, 1e-300
        ax.set_ylim(bottom, 5.0)
        render_png(fig)
        renderer = fig.canvas.get_renderer()
        ylabel, xlabel = ax.yaxis.label.get_window_extent(renderer), \
            ax.xaxis.label.get_window_extent(renderer)
        positions.append((ylabel.x1, xlabel.y1))
        assert all(ylabel.x1 <= tick.get_window_extent(renderer).x0
                   for tick in ax.get_yticklabels() if tick.get_text())
        assert all(xlabel.y1 <= tick.get_window_extent(renderer).y0
                   for tick in ax.get_xticklabels() if tick.get_text())
    assert positions[0] == positions[1]

