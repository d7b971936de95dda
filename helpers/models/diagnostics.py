"""Per-layer diagnostics of a network's last forward and backward pass (Karpathy's list).

Computed once, plotted many ways: the mean, std and RMS of every layer's activations, the %
of saturated units (|tanh| > 0.97, or the same fraction of sigmoid's peak slope), the % of
dead units (ReLUs that are off for every example), and ||dL/dW^[l]|| with its ratio to
||W^[l]||.
"""
from dataclasses import dataclass

import numpy as np

from ..math.activations import SATURATION_LEVEL
from ..math.checks import quiet_float_errors
from ..math.statistics import rms, scale_safe

# saturated: g'(z) below this fraction of its peak, which for tanh means |tanh(z)| above
# SATURATION_LEVEL; the same fraction of the peak defines "saturated" for sigmoid
SATURATION_FRACTION = 1.0 - SATURATION_LEVEL**2


@dataclass
class LayerStats:
    """Per-layer diagnostics, one entry per layer l = 1..L (index 0 is layer 1).

    act_mean, act_std, act_rms: of a^[l] over the batch and the units.
    saturated_pct: % of (example, unit) pairs with g'(z) below 6% of its peak, i.e.
        |tanh| > 0.97 (NaN for activations that do not saturate).
    dead_pct: % of units with g'(z) = 0 for every example in the batch (dead ReLUs).
    grad_norm: Frobenius norm ||dL/dW^[l]|| (NaN until backward has run).
    grad_to_weight: grad_norm / ||W^[l]||.
    first_nonfinite_layer: the first layer l whose activations hold inf or NaN, or None.
    """

    act_mean: np.ndarray
    act_std: np.ndarray
    act_rms: np.ndarray
    saturated_pct: np.ndarray
    dead_pct: np.ndarray
    grad_norm: np.ndarray
    grad_to_weight: np.ndarray
    first_nonfinite_layer: int | None


def layer_stats(net):
    """Per-layer statistics of ``net``'s last forward (and backward) pass: a :class:`LayerStats`."""
    if net.activations is None:
        raise ValueError("call forward(X) before layer_stats()")
    depth = net.depth
    stats = {key: np.full(depth, np.nan) for key in (
        "act_mean", "act_std", "act_rms", "saturated_pct", "dead_pct", "grad_norm",
        "grad_to_weight")}
    with quiet_float_errors():
        for l in range(depth):
            a = net.activations[l + 1]
            cache = net.caches[l]
            stats["act_mean"][l] = a.mean()
            stats["act_std"][l] = scale_safe(np.std, a)
            stats["act_rms"][l] = scale_safe(rms, a)
            # g'(z^[l]), or g' of a^[l-1] in a pre-activation block
            layer_act, slope = cache.activation.activation, cache.slope
            if layer_act.saturates:
                peak = layer_act.df(np.zeros(1))[0]
                stats["saturated_pct"][l] = 100.0 * np.mean(slope < SATURATION_FRACTION * peak)
            stats["dead_pct"][l] = 100.0 * np.mean(np.all(slope == 0, axis=0))
            if net.grads is not None:
                grad_norm = np.linalg.norm(net.grads["weights"][l])
                stats["grad_norm"][l] = grad_norm
                stats["grad_to_weight"][l] = grad_norm / np.linalg.norm(net.weights[l])
    return LayerStats(**stats, first_nonfinite_layer=net.first_nonfinite_layer)
