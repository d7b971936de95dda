"""helpers.figures.notebook05: the gradient through time, RNN and LSTM."""
from helpers.figures import notebook05 as through_time


def test_figure_moves_every_control_and_reports():
    live = through_time.gradients_through_time(steps=50, radius=0.5)
    assert "per step: measured" in live.status.value and "first guess" in live.status.value
    assert live.controls["forget_bias"].disabled
    live.set(cell="LSTM", forget_bias=3.0, steps=150)
    assert not live.controls["forget_bias"].disabled
    assert "‖∂L/∂c_0‖" in live.status.value
    before = live.image.value
    live.set(radius=2.5)
    assert live.image.value != before and live.image.value[:4] == b"\x89PNG"
