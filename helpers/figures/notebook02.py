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
from ..palette import COLORS, color_of, style_of

WEIGHT, SIGNAL = "‖∂L/∂W^[l]‖", "‖∂L/∂a^[l]‖"
# every layer here is 64 wide, and with n_in = n_out Glorot's 2/(n_in + n_out) is LeCun's 1/n:
# one entry for both (a second would draw the same picture)
INIT_LABELS = {"xavier": "xavier = lecun (square layers)"}
# the key to the two lines is drawn into the figure (a stored picture carries its own key), once
# with the fixed parts, so it costs nothing per frame; the status line above the figure says
# what each quantity is
# (the glyphs in the lines' colours, the words in the text colour: orange text is too faint)
KEY_HTML = (f'<b style="color:{COLORS["weight gradient"]}">—o—</b> ||dL/dW<sup>[l]</sup>|| '
            f'(the weight update) &nbsp; <b style="color:{COLORS["activation gradient"]}">- - -</b> '
            '||dL/da<sup>[l]</sup>|| (what backprop carries down)')


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
                         colors=[color_of("weight gradient"), color_of("activation gradient")],
                         styles=[style_of("weight gradient"), style_of("activation gradient")],
                         markers_up_to=60, top_room=4)
    # the key above the axes, where no line can run through it
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, fontsize=9, frameon=False,
              borderaxespad=0.2)

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
