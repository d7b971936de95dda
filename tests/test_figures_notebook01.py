"""helpers.figures.notebook01: the size of the activations through depth, and its note."""
import numpy as np

from helpers.figures.notebook01 import activations_through_depth, describe
from helpers.course.notebook01 import activation_sizes


def test_describe_says_the_size_or_where_float64_gave_up():
    assert describe(*activation_sizes(10, 1.5)) == \
        "after L = 10 layers the activations have size 57.67"
    assert describe(*activation_sizes(2000, 1.5)) == \
        "overflow: the activations became inf at layer 1751"
    assert describe(*activation_sizes(2000, 0.5)) == \
        "underflow: the activations became exactly 0 at layer 1075"


def test_the_figure_marks_the_overflow_it_reaches():
    live = activations_through_depth(depth=10, max_depth=2000)
    live.set(depth=1800)
    ax = live.fig.axes[0]
    overflow = [line for line in ax.lines if line.get_linestyle() == "--"][0]
    assert overflow.get_xdata()[0] == 1751
    assert ax.get_ylim()[1] >= 308  # the axis reaches up to where float64 ends
    assert "overflow" in ax.texts[0].get_text()


def test_every_control_changes_the_picture():
    live = activations_through_depth()
    seen = {bytes(live.image.value)}
    for move in ({"depth": 40}, {"weight_scale": 0.8}, {"kind": "Gaussian, std w"},
                 {"width": 16}, {"activation": "tanh"}):
        live.set(**move)
        seen.add(bytes(live.image.value))
    assert len(seen) == 6
    assert np.isfinite(live.fig.axes[0].lines[0].get_ydata()).all()
