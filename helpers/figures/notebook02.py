"""Notebook 02: the size of the gradients layer after layer, from the output back to the input.

Two magnitudes per layer l = 1..L, both from one backward pass
(:func:`helpers.models.profiles.gradient_profile`): ||dL/dW^[l]||, what gradient descent
uses to update W^[l], and ||dL/da^[l]||, the gradient that backprop carries down the network.
The input layer is on the left, as in every depth figure of the course: read right to left,
the figure follows backprop from the output down to the input.
"""
import numpy as np

from ..drawing import MagnitudePlot
from ..live.blitting import BlitLiveFigure
from ..live.widgets import (
    activation_dropdown,
    choice_dropdown,
    depth_slider,
    new_figure,
    number_slider,
)
from ..models.profiles import GRADIENT_INITS, GRADIENT_MAX_DEPTH, gradient_profile

WEIGHT, SIGNAL = "‖∂L/∂W^[l]‖", "‖∂L/∂a^[l]‖"
# every layer here is 64 wide, and with n_in = n_out Glorot's 2/(n_in + n_out) is LeCun's 1/n:
# one entry for both (a second would draw the same picture)
INIT_LABELS = {"xavier": "xavier = lecun (square layers)"}
# the key to the two lines goes into the HTML status line above the figure, not into the
# figure: it never changes, and text is the slowest part of drawing a frame
KEY_HTML = ('<span style="color:#1f77b4"><b>—o—</b> ||dL/dW<sup>[l]</sup>|| (the weight '
            'update)</span> &nbsp; <span style="color:#ff7f0e"><b>- - -</b> '
            '||dL/da<sup>[l]</sup>|| (what backprop carries down)</span>')


def describe(profile):
    """One sentence comparing the first layer's weight gradient with the last layer's."""
    first, last = profile.weight_grads[0], profile.weight_grads[-1]
    if not (np.all(np.isfinite(profile.weight_grads)) and np.all(np.isfinite(profile.signal_grads))):
        return "overflow: some gradients became inf or NaN"
    if profile.depth == 1:
        return f"one layer: ||dL/dW^[1]|| = {first:.3g}"
    if first == 0 or last == 0:
        return "underflow: some weight gradients are exactly 0"
    decades = np.log10(first / last)
    direction = "larger" if decades > 0 else "smaller"
    return (f"||dL/dW^[1]|| = {first:.2g},  ||dL/dW^[{profile.depth}]|| = {last:.2g}\n"
            f"the input layer's is {abs(decades):.1f} decades {direction}")


def gradients_through_depth(depth=50, weight_scale=1.0, activation="sigmoid", init="xavier",
                            width=64, max_depth=GRADIENT_MAX_DEPTH):
    """Sliders for depth, weight scale, activation and init; per-layer gradient norms."""
    fig, ax = new_figure(7.0, 3.6)
    plot = MagnitudePlot(ax, [WEIGHT, SIGNAL], "gradient norm",
                         xlabel="layer l  (input on the left, output on the right)",
                         colors=["tab:blue", "tab:orange"], styles=["-", "--"],
                         markers_up_to=60, top_room=4)

    def update(depth, weight_scale, activation, init):
        profile = gradient_profile(depth, weight_scale, activation, init, width)
        plot.update(np.arange(1, depth + 1),
                    {WEIGHT: profile.weight_grads, SIGNAL: profile.signal_grads},
                    note=describe(profile))
        return KEY_HTML

    controls = {
        "depth": depth_slider(depth, max=max_depth),
        "weight_scale": number_slider(weight_scale, 0.25, 3.0, "weight scale"),
        "activation": activation_dropdown(activation),
        "init": choice_dropdown([(INIT_LABELS.get(name, name), name) for name in GRADIENT_INITS
                                 if name != "lecun"], init, "init"),
    }
    return BlitLiveFigure(fig, update, controls, plot.moving_artists, columns=2)


# dragging each slider a few steps (what a presenter does most), then jumps and dropdowns
BENCH_MOVES = [{"depth": d} for d in range(51, 61)] + [
    {"weight_scale": round(0.9 + 0.05 * i, 2)} for i in range(1, 9)] + [
    {"depth": d} for d in (10, 100, 200)] + [
    {"activation": a} for a in ("sigmoid", "relu", "tanh")] + [{"init": "he"}]
