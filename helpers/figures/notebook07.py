"""Notebook 07: two figures from the theory (:mod:`helpers.theory`).

:func:`jacobian_spectrum` -- the singular values of the input-output Jacobian, Gaussian vs
orthogonal weights. Left: a histogram of log10(s) over the n singular values at depth L.
Right: the band holding the middle 90% of them at every depth 1..SPECTRUM_DEPTH, with the
current depth marked. Every depth is computed once per network, so moving the depth
slider only redraws.

:func:`edge_of_chaos` -- the ordered/chaotic phase diagram of deep tanh networks and its
check. Left: the (sigma_w2, sigma_b2) plane with the critical line chi_1 = 1 (an exact
parametric curve) and the chosen point. Right: the mean squared gradient per unit at every
layer of a simulated tanh network (dots), next to the mean-field prediction chi_1 ** (L - l)
(line); the status line gives the predicted and the measured depth scale. The random draws
are made once per figure; a slider move rescales them and reruns a 50-layer, width-128
network (a few ms).
"""
import numpy as np

from ..drawing import power_of_ten_axis, safe_log10
from ..live.blitting import BlitLiveFigure
from ..live.widgets import choice_dropdown, depth_slider, new_figure, number_slider
from ..palette import COLORS, REFERENCE_GREY
from ..theory.isometry import (
    NETWORKS,
    SPECTRUM_DEPTH,
    SPECTRUM_WIDTH,
    WEIGHT_KINDS,
    log10_histogram,
    network_point,
    singular_value_bands,
    singular_values_by_depth,
)
from ..theory.meanfield import (
    chi1,
    critical_point_at,
    depth_scale,
    fitted_depth_scale,
    fixed_point_variance,
    simulate_gradient_norms,
    unit_draws,
)

# bins of log10(s), s = 1 in the middle of one; smaller s go in the first
LOG10_EDGES = np.linspace(-3.05, 1.55, 47)
# Gaussian weights of variance 1/n are LeCun's normal initialization: the course's LeCun colour
KIND_COLORS = {"gaussian": COLORS["lecun"], "orthogonal": COLORS["orthogonal"]}


def jacobian_spectrum(depth=10, network="linear, σ_w² = 1"):
    """Sliders for depth and network; histogram of the Jacobian's singular values, both kinds."""
    for label in NETWORKS:  # compute every spectrum now, so no slider move waits for SVDs
        for kind in WEIGHT_KINDS:
            singular_value_bands(label, kind)
    fig, (hist_ax, band_ax) = new_figure(9.0, 3.6, ncols=2, width_ratios=[1.15, 1])
    layers = np.arange(1, SPECTRUM_DEPTH + 1)
    stairs, medians, bands = {}, {}, {}
    for kind, color in KIND_COLORS.items():
        stairs[kind] = hist_ax.stairs(np.zeros(LOG10_EDGES.size - 1), LOG10_EDGES, fill=True,
                                      alpha=0.55, color=color, label=kind)
        (medians[kind],) = band_ax.plot([], [], color=color, linewidth=1.5, label=kind)
        for label in NETWORKS:  # one band per network, only the chosen one visible
            low, _, high = singular_value_bands(label, kind)
            bands[label, kind] = band_ax.fill_between(layers, low, high, color=color, alpha=0.3)
    hist_ax.axvline(0.0, color=REFERENCE_GREY, linewidth=0.8, zorder=0.5)  # s = 1, under the bars
    hist_ax.set_xlim(LOG10_EDGES[0], LOG10_EDGES[-1])
    hist_ax.set_ylim(0, 1.02)
    power_of_ten_axis(hist_ax.xaxis)
    hist_ax.set_xlabel("singular value s of J_L  (s ≤ 1e-3 in the first bin)")
    hist_ax.set_ylabel("fraction of the n values")
    depth_marker = band_ax.axvline(depth, color="black", linewidth=1, linestyle=":")
    band_ax.axhline(0.0, color=REFERENCE_GREY, linewidth=0.8, zorder=0.5)
    band_ax.set_xlim(1, SPECTRUM_DEPTH)
    band_ax.set_ylim(LOG10_EDGES[0], LOG10_EDGES[-1])
    power_of_ten_axis(band_ax.yaxis)
    band_ax.set_xlabel("depth L")
    band_ax.set_ylabel("s: median, 5%–95% band")
    # one legend for both panels, in the top margin where nothing moves over it
    fig.legend(handles=list(stairs.values()), loc="upper right", ncol=2, fontsize=9,
               frameon=False)
    title = fig.suptitle(" ", fontsize=11, x=0.01, ha="left")

    def update(depth, network):
        spread = {}
        for kind in WEIGHT_KINDS:
            values = singular_values_by_depth(network, kind)[depth - 1]
            stairs[kind].set_data(log10_histogram(values, LOG10_EDGES))
            medians[kind].set_data(layers, singular_value_bands(network, kind)[1])
            squared = values**2
            spread[kind] = (squared.mean(), squared.var())
        for (label, _), band in bands.items():
            band.set_visible(label == network)
        depth_marker.set_xdata([depth, depth])
        _, sigma_w2, _ = network_point(network)
        title.set_text(f"{network} (σ_w² = {sigma_w2:.3f}), width {SPECTRUM_WIDTH}, depth L = {depth}")
        return ("mean / variance of s²:  " + ",  ".join(
            f"{kind} {mean:.2f} / {var:.2f}" for kind, (mean, var) in spread.items()))

    controls = {
        "depth": depth_slider(depth, min=1, max=SPECTRUM_DEPTH),
        "network": choice_dropdown(NETWORKS, network, "network"),
    }
    dynamic = [*stairs.values(), *bands.values(), *medians.values(), depth_marker, title]
    return BlitLiveFigure(fig, update, controls, dynamic)


JACOBIAN_SPECTRUM_MOVES = [{"depth": d} for d in (1, 5, 10, 20, 40, 60, 80, 100)] + [
    {"network": name} for name in NETWORKS] + [{"depth": 30}]


# ----- the edge of chaos -----------------------------------------------------------------------

SIM_DEPTH, SIM_WIDTH, SIM_BATCH = 50, 128, 8
SIGMA_W2_RANGE = (0.5, 4.0)
SIGMA_B2_RANGE = (0.0, 0.3)
GRAD_DECADES = (-25, 12)  # fixed y range of the gradient panel, in powers of ten


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
    line_w2, line_b2 = critical_point_at(np.linspace(0.0, 3.0, 400))  # q* from 0 to 3
    draws = unit_draws(SIM_DEPTH, SIM_WIDTH, SIM_BATCH, seed=0)  # rescaled on every move
    phase_ax.fill_betweenx(line_b2, SIGMA_W2_RANGE[0], line_w2, color=COLORS["ordered"], alpha=0.15)
    phase_ax.fill_betweenx(line_b2, line_w2, SIGMA_W2_RANGE[1], color=COLORS["chaotic"], alpha=0.15)
    phase_ax.plot(line_w2, line_b2, color=COLORS["theory"], linewidth=2,
                  label="critical: χ₁ = 1")
    phase_ax.text(0.6, 0.12, "ordered\nχ₁ < 1", color=COLORS["ordered"], fontsize=11)
    phase_ax.text(3.0, 0.12, "chaotic\nχ₁ > 1", color=COLORS["chaotic"], fontsize=11)
    (point,) = phase_ax.plot([], [], marker="o", markersize=9, color=COLORS["theory"],
                             markerfacecolor="white", linestyle="none", label="your point")
    phase_ax.set_xlim(*SIGMA_W2_RANGE)
    phase_ax.set_ylim(*SIGMA_B2_RANGE)
    phase_ax.set_xlabel("σ_w²  (weight variance × n)")
    phase_ax.set_ylabel("σ_b²  (bias variance)")
    phase_ax.legend(loc="lower right", fontsize=9)

    layers = np.arange(SIM_DEPTH + 1)
    (measured,) = grad_ax.plot([], [], "o", markersize=3, color=COLORS["measured"],
                               label=f"simulated (width {SIM_WIDTH})")
    (predicted,) = grad_ax.plot([], [], color=COLORS["theory"], linewidth=1.5, label="theory: χ₁^(L−l)")
    grad_ax.axhline(0.0, color=REFERENCE_GREY, linewidth=0.8, zorder=0.5)  # under the moving lines
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
                                        base=draws)
        gain = float(chi1(sigma_w2, sigma_b2))
        measured.set_data(layers, safe_log10(grads))
        predicted.set_data(layers, (SIM_DEPTH - layers) * np.log10(gain))
        measured_xi, measured_chi = fitted_depth_scale(grads)
        title.set_text(f"χ₁ = {gain:.3f} (theory), {measured_chi:.3f} (simulation)")
        return describe_point(sigma_w2, sigma_b2, measured_xi)

    controls = {
        "sigma_w2": number_slider(sigma_w2, *SIGMA_W2_RANGE, step=0.05,
                                  description="σ_w²"),
        "sigma_b2": number_slider(sigma_b2, *SIGMA_B2_RANGE, step=0.01,
                                  description="σ_b²"),
    }
    return BlitLiveFigure(fig, update, controls, [point, measured, predicted, title])


EDGE_OF_CHAOS_MOVES = [{"sigma_w2": w} for w in (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)] + [
    {"sigma_b2": b} for b in (0.0, 0.05, 0.1, 0.2, 0.3)]
