"""helpers.figures.notebook05: the gradient through time, RNN and LSTM."""
import numpy as np

from helpers.figures import notebook05 as through_time


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
