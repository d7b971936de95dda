"""Notebook 07: the singular values of the input-output Jacobian, Gaussian vs orthogonal.

Left: a histogram of log10(s) over the n singular values at depth L, for both weight
kinds. Right: the band holding the middle 90% of them at every depth 1..SPECTRUM_DEPTH,
with the current depth marked. :func:`helpers.theory.isometry.singular_values_by_depth`
computes every depth once per network, so moving the depth slider only redraws.
"""
import numpy as np

from ..drawing import power_of_ten_axis
from ..live.blitting import BlitLiveFigure
from ..live.widgets import choice_dropdown, depth_slider, new_figure
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

# bins of log10(s), s = 1 in the middle of one; smaller s go in the first
LOG10_EDGES = np.linspace(-3.05, 1.55, 47)
KIND_COLORS = {"gaussian": "tab:orange", "orthogonal": "tab:blue"}


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
    hist_ax.axvline(0.0, color="grey", linewidth=0.8, zorder=0.5)  # s = 1, under the bars
    hist_ax.set_xlim(LOG10_EDGES[0], LOG10_EDGES[-1])
    hist_ax.set_ylim(0, 1.02)
    power_of_ten_axis(hist_ax.xaxis)
    hist_ax.set_xlabel("singular value s of J_L  (s ≤ 1e-3 in the first bin)")
    hist_ax.set_ylabel("fraction of the n values")
    depth_marker = band_ax.axvline(depth, color="black", linewidth=1, linestyle=":")
    band_ax.axhline(0.0, color="grey", linewidth=0.8, zorder=0.5)
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


BENCH_MOVES = [{"depth": d} for d in (1, 5, 10, 20, 40, 60, 80, 100)] + [
    {"network": name} for name in NETWORKS] + [{"depth": 30}]
