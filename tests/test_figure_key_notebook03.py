"""Notebook 03's live figure carries its own key inside the picture (a stored or exported frame
shows which curve is which layer), in the course palette, with a line style as a second cue."""
import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.figures import notebook03
from helpers.palette import OKABE_ITO, SEQUENCE


@pytest.fixture(scope="module")
def live():
    return notebook03.activation_histograms()


def test_the_key_names_the_layers_on_show(live):
    live.render()
    assert live.key.labels() == [f"layer {l}" for l in notebook03.layers_to_show(1, 10)]
    live.set(layers=(8, 10))
    live.render()
    assert live.key.labels() == ["layer 8", "layer 9", "layer 10"]
    live.set(layers=(1, 10))


def test_the_key_is_drawn_into_the_picture(live):
    """The key is drawn on every frame, and changing the layers on show changes the pixels
    where it sits (its texts), not only the curves."""
    assert set(live.key.artists) <= set(live.moving_artists)
    live.set(layers=(1, 10))
    before = np.asarray(live.fig.canvas.buffer_rgba()).copy() if live.render() else None
    live.set(layers=(2, 4))
    live.render()
    after = np.asarray(live.fig.canvas.buffer_rgba())
    box = live.key.window_extent()
    height = after.shape[0]
    rows = slice(int(height - box.y1), int(height - box.y0))
    columns = slice(int(box.x0), int(box.x1))
    assert not np.array_equal(before[rows, columns], after[rows, columns])
    live.set(layers=(1, 10))


def test_curves_use_the_palette_and_differ_in_line_style():
    assert [to_hex(c) for c in notebook03.CURVE_COLOURS] == [to_hex(c) for c in SEQUENCE[:5]]
    assert len(set(map(str, notebook03.CURVE_STYLES))) == notebook03.MAX_CURVES
    palette = {to_hex(c) for c in OKABE_ITO.values()}
    assert to_hex(notebook03.PERCENT_COLOUR) in palette
    assert to_hex(notebook03.SHOWN_COLOUR) in palette
