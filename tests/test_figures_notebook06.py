"""helpers.figures.notebook06: plain and residual gradients, drawn in steps."""

from helpers.figures import FIGURES
from helpers.figures.notebook06 import plain_vs_residual



def test_every_bench_move_redraws_without_warnings():
    builder, moves = FIGURES["06_plain_vs_residual"]
    live = builder()
    for move in moves:
        live.set(**move)
        assert live.image.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert "‖∂L/∂W^[1]‖ / ‖∂L/∂W^[L]‖" in live.status.value


def test_network_choice_hides_a_line():
    live = plain_vs_residual(depth=30, network="plain")
    assert "plain: ‖∂L/∂W^[1]‖" in live.status.value
    assert "residual: ‖∂L/∂W^[1]‖" not in live.status.value
    # the plain network has no blocks: their controls are off, and the status line says why
    assert live.controls["block"].disabled and "has no residual blocks" in live.status.value
    live.set(network="residual")
    assert "plain: ‖∂L/∂W^[1]‖" not in live.status.value
    assert not live.controls["block"].disabled


def test_axes_move_in_steps_so_the_background_is_reused():
    live = plain_vs_residual(depth=60, activation="sigmoid")
    limits = (live.fig.axes[0].get_xlim(), live.fig.axes[0].get_ylim())
    drawn = live.backgrounds_drawn
    live.set(depth=65)
    assert live.backgrounds_drawn == drawn  # a small move keeps the drawn background
    assert (live.fig.axes[0].get_xlim(), live.fig.axes[0].get_ylim())[0] == limits[0]
    live.set(depth=150)
    assert live.fig.axes[0].get_xlim() == (0.5, 150.5)
