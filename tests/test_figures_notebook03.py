"""helpers.figures.notebook03: the per-layer histogram figure."""
import pytest

from helpers.figures import FIGURES
from helpers.figures import notebook03
from helpers.figures.notebook03 import layers_to_show


def test_layers_to_show_spreads_at_most_five_layers():
    assert layers_to_show(1, 10) == [1, 3, 6, 8, 10]
    assert layers_to_show(4, 6) == [4, 5, 6]
    assert layers_to_show(7, 7) == [7]
    with pytest.raises(ValueError, match="first <= last"):
        layers_to_show(5, 2)


def test_histogram_figure_moves_through_every_bench_setting():
    builder, moves = FIGURES["03_activation_histograms"]
    live = builder()
    first_png = live.image.value
    for move in moves:
        live.set(**move)
        assert live.image.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert "layer" in live.status.value
    live.set(activation="tanh", init="classic_uniform", weight_scale=1.0, layers=(1, 10))
    assert live.image.value == first_png  # the cached, blitted frame is the same picture


def test_small_weight_scale_moves_keep_the_histogram_axes():
    """Rounded ranges: a scale step of 0.05 usually leaves every axis as it was (no full redraw)."""
    live = notebook03.activation_histograms(activation="tanh", init="xavier")
    drawn = live.backgrounds_drawn
    for scale in (1.05, 1.1, 1.15, 1.2, 1.25, 1.3):
        live.set(weight_scale=scale)
    assert live.backgrounds_drawn - drawn <= 3
