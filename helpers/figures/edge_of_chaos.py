"""Notebook 07: the ordered/chaotic phase diagram of deep tanh networks, and its check.

Left: the (sigma_w2, sigma_b2) plane with the critical line chi_1 = 1 (from
:func:`helpers.meanfield.critical_point_at`, an exact parametric curve) and the chosen
point. Right: the mean squared gradient per unit at every layer of a simulated tanh
network (dots), next to the mean-field prediction chi_1 ** (L - l) (line); the status line
gives the predicted and the measured depth scale. The random draws are made once; a
slider move rescales them and reruns a 50-layer, width-128 network (a few ms).
"""
from functools import lru_cache

import numpy as np

from ..live.blitting import BlitLiveFigure
from ..theory.meanfield import (
    chi1,
    critical_point_at,
    depth_scale,
    fitted_depth_scale,
    fixed_point_variance,
    simulate_gradient_norms,
    unit_draws,
)
from ..drawing import power_of_ten_axis
from ..live.widgets import new_figure, weight_scale_slider
from ..math.checks import quiet_float_errors

SIM_DEPTH, SIM_WIDTH, SIM_BATCH = 50, 128, 8
SIGMA_W2_RANGE = (0.5, 4.0)
SIGMA_B2_RANGE = (0.0, 0.3)
GRAD_DECADES = (-25, 12)  # fixed y range of the gradient panel, in powers of ten


@lru_cache(maxsize=2)
def _draws(seed=0):
    return unit_draws(SIM_DEPTH, SIM_WIDTH, SIM_BATCH, seed)


def _critical_line():
    """(sigma_w2, sigma_b2) points of the critical line across the plotted range."""
    q_star = np.linspace(0.0, 3.0, 400)
    sigma_w2, sigma_b2 = critical_point_at(q_star)
    return sigma_w2, sigma_b2


def describe_point(sigma_w2, sigma_b2, measured_xi=None):
    """One line: q*, chi_1, the phase and the depth scale (predicted, and measured if given)."""
    gain = float(chi1(sigma_w2, sigma_b2))
    phase = "ordered" if gain < 1 else "chaotic" if gain > 1 else "critical"
    xi = float(depth_scale(sigma_w2, sigma_b2))
    text = (f"σ_w² = {sigma_w2:.2f}, σ_b² = {sigma_b2:.2f}: q* = "
            f"{float(fixed_point_variance(sigma_w2, sigma_b2)):.3f}, χ₁ = {gain:.3f} ({phase}), "
            f"predicted ξ = {xi:.3g} layers")
    if measured_xi is not None:
        text += f", measured ξ = {measured_xi:.3g}"
    return text


def edge_of_chaos(sigma_w2=1.5, sigma_b2=0.05):
    """Sliders for sigma_w2 and sigma_b2; phase diagram + simulated gradients through depth."""
    fig, (phase_ax, grad_ax) = new_figure(9.0, 3.6, ncols=2, width_ratios=[1, 1.2])
    line_w2, line_b2 = _critical_line()
    phase_ax.fill_betweenx(line_b2, SIGMA_W2_RANGE[0], line_w2, color="tab:blue", alpha=0.15)
    phase_ax.fill_betweenx(line_b2, line_w2, SIGMA_W2_RANGE[1], color="tab:red", alpha=0.15)
    phase_ax.plot(line_w2, line_b2, color="black", linewidth=2, label="critical: χ₁ = 1")
    phase_ax.text(0.6, 0.12, "ordered\nχ₁ < 1", color="tab:blue", fontsize=11)
    phase_ax.text(3.0, 0.12, "chaotic\nχ₁ > 1", color="tab:red", fontsize=11)
    (point,) = phase_ax.plot([], [], marker="o", markersize=9, color="black",
                             markerfacecolor="gold")
    phase_ax.set_xlim(*SIGMA_W2_RANGE)
    phase_ax.set_ylim(*SIGMA_B2_RANGE)
    phase_ax.set_xlabel("σ_w²  (weight variance × n)")
    phase_ax.set_ylabel("σ_b²  (bias variance)")
    phase_ax.legend(loc="lower right", fontsize=9)

    layers = np.arange(SIM_DEPTH + 1)
    (measured,) = grad_ax.plot([], [], "o", markersize=3, color="tab:purple",
                               label=f"simulated (width {SIM_WIDTH})")
    (predicted,) = grad_ax.plot([], [], color="black", linewidth=1.5, label="theory: χ₁^(L−l)")
    grad_ax.axhline(0.0, color="grey", linewidth=0.8, zorder=0.5)  # under the moving lines
    grad_ax.set_xlim(-0.5, SIM_DEPTH + 0.5)
    grad_ax.set_ylim(*GRAD_DECADES)
    power_of_ten_axis(grad_ax.yaxis)
    grad_ax.set_xlabel(f"layer l  (the loss is at l = L = {SIM_DEPTH})")
    grad_ax.set_ylabel("mean (∂L/∂h^[l])², relative to l = L")
    grad_ax.legend(loc="lower right", fontsize=9)  # a corner the gradient lines stay out of
    title = grad_ax.set_title(" ", fontsize=10)

    def update(sigma_w2, sigma_b2):
        point.set_data([sigma_w2], [sigma_b2])
        grads = simulate_gradient_norms(sigma_w2, sigma_b2, SIM_DEPTH, SIM_WIDTH, SIM_BATCH,
                                        base=_draws())
        gain = float(chi1(sigma_w2, sigma_b2))
        with quiet_float_errors():
            measured.set_data(layers, np.log10(grads))
            predicted.set_data(layers, (SIM_DEPTH - layers) * np.log10(gain))
        measured_xi, measured_chi = fitted_depth_scale(grads)
        title.set_text(f"χ₁ = {gain:.3f} (theory), {measured_chi:.3f} (simulation)")
        return describe_point(sigma_w2, sigma_b2, measured_xi)

    controls = {
        "sigma_w2": weight_scale_slider(sigma_w2, *SIGMA_W2_RANGE, step=0.05,
                                        description="σ_w²"),
        "sigma_b2": weight_scale_slider(sigma_b2, *SIGMA_B2_RANGE, step=0.01,
                                        description="σ_b²"),
    }
    return BlitLiveFigure(fig, update, controls, [point, measured, predicted, title])


BENCH_MOVES = [{"sigma_w2": w} for w in (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)] + [
    {"sigma_b2": b} for b in (0.0, 0.05, 0.1, 0.2, 0.3)]
