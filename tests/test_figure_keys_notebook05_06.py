"""The live figures of notebooks 05 and 06: the course palette's fixed meanings, and a key that
lists exactly the lines drawn."""
import pytest
from matplotlib.colors import to_hex

from helpers.figures.notebook05 import gradients_through_time
from helpers.figures.notebook06 import plain_vs_residual
from helpers.palette import color_of, style_of


def key_of(live):
    legend = live.fig.axes[0].get_legend()
    return {text.get_text(): handle for text, handle in zip(legend.get_texts(),
                                                            legend.legend_handles)}


def drawn(live):
    return {line.get_label() for line in live.fig.axes[0].get_lines()
            if line.get_visible() and not line.get_label().startswith("_")
            and len(line.get_xdata())}


def test_notebook05_key_lists_the_lines_of_the_chosen_cell_only():
    live = gradients_through_time(steps=60, radius=1.0)
    key = key_of(live)
    assert set(key) == drawn(live) == {"vanilla RNN ‖∂L/∂h_t‖",
                                       "first guess (ρ · mean tanh′)^(T−t)"}
    assert to_hex(key["vanilla RNN ‖∂L/∂h_t‖"].get_color()) == color_of("rnn").lower()
    live.set(cell="LSTM")
    key = key_of(live)
    assert set(key) == drawn(live) == {"LSTM ‖∂L/∂h_t‖", "LSTM cell state ‖∂L/∂c_t‖"}
    assert all(to_hex(handle.get_color()) == color_of("lstm").lower() for handle in key.values())
    assert all(handle.get_visible() for handle in key.values())
    assert len({handle.get_linestyle() for handle in key.values()}) == 2  # a second cue


@pytest.mark.parametrize("network, expected", [("plain and residual", {"plain", "residual"}),
                                               ("plain", {"plain"}), ("residual", {"residual"})])
def test_notebook06_plain_is_orange_dashed_and_residual_blue_solid(network, expected):
    live = plain_vs_residual(depth=40)
    live.set(network=network)
    key = key_of(live)
    assert set(key) == drawn(live) == expected
    for name, handle in key.items():
        assert to_hex(handle.get_color()) == color_of(name).lower()
        assert handle.get_linestyle() == style_of(name)
        assert handle.get_visible()
