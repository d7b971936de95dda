"""Notebook 07's slider figures: they build, redraw on every move, and report the theory."""

import pytest

from helpers.figures import FIGURES
from helpers.figures.notebook07 import describe_point, edge_of_chaos, jacobian_spectrum



def test_registered_for_the_benchmark():
    assert FIGURES["07_jacobian_spectrum"][0] is jacobian_spectrum
    assert FIGURES["07_edge_of_chaos"][0] is edge_of_chaos


def test_jacobian_spectrum_redraws_on_every_move():
    live = jacobian_spectrum(depth=1)
    before = live.image.value
    assert "orthogonal 1.00 / 0.00" in live.status.value
    for move in FIGURES["07_jacobian_spectrum"][1]:
        live.set(**move)
    assert live.image.value != before
    with pytest.raises(ValueError, match="depth, network"):
        live.set(width=3)


def test_edge_of_chaos_reports_prediction_and_measurement():
    live = edge_of_chaos(sigma_w2=1.5, sigma_b2=0.05)
    assert "χ₁ = 0.939 (ordered)" in live.status.value
    assert "predicted ξ = 15.8 layers" in live.status.value
    before = live.image.value
    live.set(sigma_w2=3.0)
    assert "chaotic" in live.status.value and live.image.value != before
    assert "measured ξ" not in describe_point(1.0, 0.05)
