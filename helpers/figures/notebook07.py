"""Notebook 07: the singular values of the input-output Jacobian, Gaussian vs orthogonal.

Left: a histogram of log10(s) over the n singular values at depth L, for both weight
kinds. Right: the band holding the middle 90% of them at every depth 1..MAX_DEPTH, with
the current depth marked. The singular values of every depth are computed once per
network (one SVD per depth, cached), so moving the depth slider only redraws.
"""
from functools import lru_cache

import numpy as np

from ..theory.isometry import WEIGHT_KINDS, jacobian_singular_values
from ..theory.meanfield import critical_sigma_w2
from ..drawing import power_of_ten_axis
from ..live.blitting import BlitLiveFigure
from ..live.widgets import choice_dropdown, depth_slider, new_figure
from ..math.checks import quiet_float_errors

MAX_DEPTH = 100
LIVE_WIDTH = 100  # the printed checks in the notebook use width 400; this keeps slides instant
LOG10_EDGES = np.linspace(-3.05, 1.55, 47)  # bins of log10(s), s = 1 in the middle of one; smaller s go in the first
KIND_COLORS = {"gaussian": "tab:orange", "orthogonal": "tab:blue"}
# label -> (activation, sigma_b2); tanh networks sit on the critical line (chi_1 = 1)
NETWORKS = {
    "linear, σ_w² = 1": ("linear", 0.0),
    "tanh, critical, σ_b² = 1e-4": ("tanh", 1e-4),
    "tanh, critical, σ_b² = 0.05": ("tanh", 0.05),
}


@lru_cache(maxsize=None)
def _network_point(network):
    activation, sigma_b2 = NETWORKS[network]
    sigma_w2 = 1.0 if activation == "linear" else float(critical_sigma_w2(sigma_b2))
    return activation, sigma_w2, sigma_b2


@lru_cache(maxsize=None)
def singular_values_by_depth(network, kind, width=LIVE_WIDTH, seed=0):
    """(MAX_DEPTH, width) singular values of J_L for L = 1..MAX_DEPTH (cached; read-only)."""
    if network not in NETWORKS:
        raise ValueError(f"unknown network {network!r}; choose one of: {', '.join(NETWORKS)}")
    activation, sigma_w2, sigma_b2 = _network_point(network)
    values = jacobian_singular_values(range(1, MAX_DEPTH + 1), width, kind, activation,
                                      sigma_w2, sigma_b2, seed)
    values.setflags(write=False)
    return values


@lru_cache(maxsize=None)
def _bands(network, kind):
    """log10 of the 5th, 50th and 95th percentile of s at every depth: (3, MAX_DEPTH)."""
    with quiet_float_errors():
        logs = np.log10(np.maximum(singular_values_by_depth(network, kind), 1e-300))
    return np.percentile(logs, [5, 50, 95], axis=1)


def _histogram(singular_values):
    with quiet_float_errors():
        logs = np.log10(singular_values)
    logs = np.clip(logs, LOG10_EDGES[0], LOG10_EDGES[-1] - 1e-9)  # tiny s (even 0) -> first bin
    counts, _ = np.histogram(logs, LOG10_EDGES)
    return counts / singular_values.size


def jacobian_spectrum(depth=10, network="linear, σ_w² = 1"):
    """Sliders for depth and network; histogram of the Jacobian's singular values, both kinds."""
    for label in NETWORKS:  # compute every spectrum now, so no slider move waits for SVDs
        for kind in WEIGHT_KINDS:
            _bands(label, kind)
    fig, (hist_ax, band_ax) = new_figure(9.0, 3.6, ncols=2, width_ratios=[1.15, 1])
    layers = np.arange(1, MAX_DEPTH + 1)
    stairs, medians, bands = {}, {}, {}
    for kind, color in KIND_COLORS.items():
        stairs[kind] = hist_ax.stairs(np.zeros(LOG10_EDGES.size - 1), LOG10_EDGES, fill=True,
                                      alpha=0.55, color=color, label=kind)
        (medians[kind],) = band_ax.plot([], [], color=color, linewidth=1.5, label=kind)
        for label in NETWORKS:  # one band per network, only the chosen one visible
            low, _, high = _bands(label, kind)
            bands[label, kind] = band_ax.fill_between(layers, low, high, color=color, alpha=0.3)
    hist_ax.axvline(0.0, color="grey", linewidth=0.8, zorder=0.5)  # s = 1, under the bars
    hist_ax.set_xlim(LOG10_EDGES[0], LOG10_EDGES[-1])
    hist_ax.set_ylim(0, 1.02)
    power_of_ten_axis(hist_ax.xaxis)
    hist_ax.set_xlabel("singular value s of J_L  (s ≤ 1e-3 in the first bin)")
    hist_ax.set_ylabel("fraction of the n values")
    depth_marker = band_ax.axvline(depth, color="black", linewidth=1, linestyle=":")
    band_ax.axhline(0.0, color="grey", linewidth=0.8, zorder=0.5)
    band_ax.set_xlim(1, MAX_DEPTH)
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
            stairs[kind].set_data(_histogram(values))
            medians[kind].set_data(layers, _bands(network, kind)[1])
            squared = values**2
            spread[kind] = (squared.mean(), squared.var())
        for (label, _), band in bands.items():
            band.set_visible(label == network)
        depth_marker.set_xdata([depth, depth])
        _, sigma_w2, _ = _network_point(network)
        title.set_text(f"{network} (σ_w² = {sigma_w2:.3f}), width {LIVE_WIDTH}, depth L = {depth}")
        return ("mean / variance of s²:  " + ",  ".join(
            f"{kind} {mean:.2f} / {var:.2f}" for kind, (mean, var) in spread.items()))

    controls = {
        "depth": depth_slider(depth, min=1, max=MAX_DEPTH),
        "network": choice_dropdown(NETWORKS, network, "network"),
    }
    dynamic = [*stairs.values(), *bands.values(), *medians.values(), depth_marker, title]
    return BlitLiveFigure(fig, update, controls, dynamic)


BENCH_MOVES = [{"depth": d} for d in (1, 5, 10, 20, 40, 60, 80, 100)] + [
    {"network": name} for name in NETWORKS] + [{"depth": 30}]
