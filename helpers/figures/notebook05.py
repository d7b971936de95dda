"""Notebook 05: how much of the gradient on the last state h_T reaches each earlier step.

The figure shows ||dL/dh_t|| for t = 0..T on a decades axis, from
:func:`helpers.models.rnn.gradient_at_radius`. For the vanilla RNN a dotted line shows the
first guess (rho * mean tanh')^(T - t) (notebook 05 says when it falls short); for the LSTM a
dash-dotted line shows ||dL/dc_t||, the gradient on the cell state. The key lists only the
lines drawn for the chosen cell; colours follow the course palette (RNN orange, LSTM blue).
"""
from ..drawing import MagnitudePlot
from ..live.blitting import BlitLiveFigure, axes_limits
from ..live.widgets import choice_dropdown, depth_slider, new_figure, number_slider
from ..models.rnn import MAX_STEPS, gradient_at_radius, predicted_factor
from ..palette import color_of, style_of

CELL_NAMES = {"vanilla RNN": "rnn", "LSTM": "lstm"}
MEASURED = "vanilla RNN ‖∂L/∂h_t‖"
PREDICTED = "first guess (ρ · mean tanh′)^(T−t)"
LSTM_MEASURED = "LSTM ‖∂L/∂h_t‖"
CELL_STATE = "LSTM cell state ‖∂L/∂c_t‖"
# the lines (and key entries) each cell shows: a key never lists a line that is not drawn
LINES_OF = {"rnn": (MEASURED, PREDICTED), "lstm": (LSTM_MEASURED, CELL_STATE)}


def describe(cell, profile, radius):
    """One line: what is left at h_0, and the measured (and predicted) factor per step."""
    steps = len(profile.steps) - 1
    if profile.first_nonfinite_step is not None:
        return f"overflow: the gradient is inf from step t = {profile.first_nonfinite_step} back"
    text = f"‖∂L/∂h_0‖ = {profile.grad_norms[0]:.2g} after T = {steps} steps back"
    if steps < 2:
        return text
    measured = profile.per_step_factor()
    if cell == "rnn":
        return (text + f"; per step: measured {measured:.3f}, "
                f"first guess ρ·mean tanh′ = {predicted_factor(profile, radius):.3f}")
    return text + f"; per step: measured {measured:.3f}; ‖∂L/∂c_0‖ = {profile.cell_grad_norms[0]:.2g}"


def gradients_through_time(steps=100, radius=1.0, cell="vanilla RNN", forget_bias=3.0):
    """Sliders for T, the spectral radius of W_h, the cell and the LSTM's forget-gate bias."""
    fig, ax = new_figure(7.0, 3.6)
    plot = MagnitudePlot(ax, [MEASURED, PREDICTED, LSTM_MEASURED, CELL_STATE],
                         ylabel="gradient norm", xlabel="time step t",
                         colors=[color_of("rnn"), color_of("theory"), color_of("lstm"),
                                 color_of("lstm")],
                         styles=[style_of("rnn"), ":", style_of("lstm"), "-."])
    shown = {"cell": None}  # the cell whose lines the key lists

    def show_key(key):
        if shown["cell"] != key:
            ax.legend(handles=[plot.lines[label] for label in LINES_OF[key]],
                      loc="lower right", fontsize=9)
            shown["cell"] = key

    def update(steps, radius, cell, forget_bias):
        key = CELL_NAMES[cell]
        profile = gradient_at_radius(key, steps, radius, forget_bias)
        t = profile.steps
        if key == "rnn":
            values = {MEASURED: profile.grad_norms,
                      PREDICTED: predicted_factor(profile, radius) ** (steps - t.astype(float))}
        else:
            values = {LSTM_MEASURED: profile.grad_norms, CELL_STATE: profile.cell_grad_norms}
        plot.update(t, values)
        show_key(key)  # after the update: the key copies each line's visibility
        return describe(key, profile, radius)

    controls = {
        "steps": depth_slider(steps, min=5, max=MAX_STEPS, step=5, description="steps T"),
        "radius": number_slider(radius, 0.1, 3.0,
                                description="spectral radius ρ of W_h"),
        "cell": choice_dropdown(CELL_NAMES, cell, "cell"),
        "forget_bias": number_slider(forget_bias, -2.0, 5.0, step=0.5,
                                     description="forget-gate bias b_f"),
    }
    return BlitLiveFigure(fig, update, controls, plot.moving_artists, columns=2,
                          inactive=unused_controls,
                          background_key=lambda: (axes_limits(fig), shown["cell"]))


def unused_controls(steps, radius, cell, forget_bias):
    """The controls that change nothing in this setting, and why."""
    if CELL_NAMES[cell] == "rnn":
        return {"forget_bias": "the vanilla RNN has no forget gate (choose the LSTM)"}
    return {}


BENCH_MOVES = ([{"steps": T} for T in (20, 50, 100, 130, 150)]
               + [{"radius": r} for r in (0.5, 0.9, 1.1, 1.5, 2.0, 3.0)]
               + [{"cell": "LSTM"}] + [{"forget_bias": b} for b in (-1.0, 0.0, 1.0, 3.0, 5.0)]
               + [{"steps": T} for T in (60, 90, 120)] + [{"cell": "vanilla RNN"}])
