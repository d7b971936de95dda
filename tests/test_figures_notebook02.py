"""helpers.figures.notebook02: the gradient-norm figure and what its note says."""
import numpy as np
import pytest

from helpers.figures import FIGURES
from helpers.figures.notebook02 import describe
from helpers.course.notebook02 import GradientProfile, gradient_profile


def test_describe_compares_the_first_and_the_last_layer():
    note = describe(gradient_profile(50, 1.0, activation="sigmoid", init="xavier"))
    assert "decades smaller" in note and "||dL/dW^[50]||" in note
    assert describe(gradient_profile(1, 1.0)).startswith("one layer")


def test_describe_reports_overflow_instead_of_a_ratio():
    assert describe(GradientProfile(np.array([np.inf, 1.0]), np.ones(2))).startswith("overflow")
    assert describe(GradientProfile(np.array([0.0, 1.0]), np.ones(2))).startswith("underflow")


def test_gradient_figure_moves_through_every_bench_setting():
    builder, moves = FIGURES["02_gradients_through_depth"]
    live = builder()
    for move in moves + [{"depth": 200, "weight_scale": 3.0, "activation": "linear"}]:
        live.set(**move)
        assert live.image.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert "dL/dW" in live.status.value
    with pytest.raises(ValueError, match="this figure has: depth, weight_scale"):
        live.set(width=3)
