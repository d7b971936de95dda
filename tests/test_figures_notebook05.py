"""Notebook 05's slider figure: the cached profile equals a direct computation, and it redraws."""
import numpy as np
import pytest

from helpers.figures import notebook05 as through_time
from helpers.models.rnn import gradient_through_time, init_recurrent_weights


@pytest.mark.parametrize("cell, radius, forget_bias", [("rnn", 1.3, 0.0), ("lstm", 0.7, 2.5)])
def test_profile_equals_a_fresh_init_at_that_radius_and_bias(cell, radius, forget_bias):
    T = 40
    profile = through_time.gradient_profile(cell, T, radius, forget_bias)
    Wx, Wh, b = init_recurrent_weights(cell, through_time.INPUT_SIZE, through_time.HIDDEN_SIZE,
                                       radius, through_time.INPUT_SCALE, forget_bias)
    x, h0 = through_time._inputs()
    direct = gradient_through_time(cell, x[:, :T], h0, Wx, Wh, b)
    np.testing.assert_allclose(profile.grad_norms, direct.grad_norms, rtol=1e-9)


def test_prediction_follows_the_measurement_in_the_vanishing_regime():
    profile = through_time.gradient_profile("rnn", 100, 0.9)
    measured = profile.per_step_factor()
    assert measured < 0.9  # tanh' < 1 makes it smaller than rho alone
    assert through_time.predicted_factor(profile, 0.9) == pytest.approx(measured, rel=0.05)


def test_figure_moves_every_control_and_reports():
    live = through_time.gradient_through_time_figure(steps=50, radius=0.5)
    assert "per step: measured" in live.status.value and "predicted" in live.status.value
    assert live.controls["forget_bias"].disabled
    live.set(cell="LSTM", forget_bias=3.0, steps=150)
    assert not live.controls["forget_bias"].disabled
    assert "‖∂L/∂c_0‖" in live.status.value
    before = live.image.value
    live.set(radius=2.5)
    assert live.image.value != before and live.image.value[:4] == b"\x89PNG"


def test_bad_settings_are_rejected():
    with pytest.raises(ValueError, match="steps T must be a whole number from 1 to 150"):
        through_time.gradient_profile("rnn", 151, 1.0)
    with pytest.raises(ValueError, match="unknown cell 'gru'"):
        through_time.gradient_profile("gru", 10, 1.0)


def _pixels(png):
    import io

    import PIL.Image
    return np.asarray(PIL.Image.open(io.BytesIO(png)))


def test_reused_backgrounds_give_the_same_picture_as_a_fresh_figure():
    """Frames drawn on a saved background (ticks, legend) equal a full draw of that setting."""
    live = through_time.gradient_through_time_figure(steps=100, radius=1.0)
    for move in ({"radius": 0.5}, {"cell": "LSTM"}, {"steps": 40}, {"cell": "vanilla RNN"},
                 {"steps": 100}, {"radius": 1.0}, {"radius": 0.95}):
        live.set(**move)
    fresh = through_time.gradient_through_time_figure(steps=100, radius=0.95)
    np.testing.assert_array_equal(_pixels(live.image.value), _pixels(fresh.image.value))
