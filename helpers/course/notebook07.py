"""Notebook 07, beyond the sources: the networks whose Jacobian spectra it compares, and a deep
normalized network at initialization.

:func:`singular_values_by_depth` is what the spectrum figure draws (the theory is
:mod:`helpers.theory.isometry`); :func:`normalized_network_profile` is what the notebook prints
for batch norm's gradient explosion at initialization (Yang et al. 2019) and for layer norm,
which has none.
"""
from functools import lru_cache

import numpy as np

from ..math.activations import get_activation
from ..math.checks import choice, positive_number, quiet_float_errors, whole_number
from ..math.initializers import initialize, rescaled
from ..math.layers import batchnorm_forward, layernorm_forward
from ..math.stack import Layer, stack_backward, stack_forward
from ..math.statistics import rms
from ..theory.isometry import jacobian_singular_values
from ..theory.meanfield import critical_sigma_w2

SPECTRUM_DEPTH = 100
SPECTRUM_WIDTH = 100  # the printed checks in notebook 07 use width 400; 100 keeps a slider instant
# label -> (activation, sigma_b2); the tanh networks sit on the critical line (chi_1 = 1)
NETWORKS = {
    "linear, σ_w² = 1": ("linear", 0.0),
    "tanh, critical, σ_b² = 1e-4": ("tanh", 1e-4),
    "tanh, critical, σ_b² = 0.05": ("tanh", 0.05),
}


@lru_cache(maxsize=None)
def network_point(network):
    """(activation, sigma_w2, sigma_b2) of one of the :data:`NETWORKS`."""
    activation, sigma_b2 = NETWORKS[choice("network", network, NETWORKS)]
    sigma_w2 = 1.0 if activation == "linear" else float(critical_sigma_w2(sigma_b2))
    return activation, sigma_w2, sigma_b2


@lru_cache(maxsize=None)
def singular_values_by_depth(network, kind, width=SPECTRUM_WIDTH, seed=0):
    """(SPECTRUM_DEPTH, width) singular values of J_L for L = 1..SPECTRUM_DEPTH (cached, read-only)."""
    activation, sigma_w2, sigma_b2 = network_point(network)
    values = jacobian_singular_values(range(1, SPECTRUM_DEPTH + 1), width, kind, activation,
                                      sigma_w2, sigma_b2, seed)
    values.setflags(write=False)
    return values


@lru_cache(maxsize=None)
def singular_value_bands(network, kind):
    """log10 of the 5th, 50th and 95th percentile of s at every depth: (3, SPECTRUM_DEPTH)."""
    with quiet_float_errors():
        logs = np.log10(np.maximum(singular_values_by_depth(network, kind), 1e-300))
    return np.percentile(logs, [5, 50, 95], axis=1)


# ----- a deep normalized network ------------------------------------------------------------

NORMALIZATIONS = ("none", "batch", "layer")
NORMALIZE = {"batch": batchnorm_forward, "layer": layernorm_forward}


def normalized_network_profile(depth, width, weight_scale=1.0, normalization="layer",
                               activation="tanh", batch=64, seed=0):
    """Per-layer statistics of a deep net a^[l] = g(norm(a^[l-1] @ W^[l])) at initialization.

    W^[l] has entries N(0, weight_scale**2 / width) (LeCun's init times weight_scale); norm
    is batch norm, layer norm (gamma = 1, beta = 0) or "none"; no biases. A random
    unit-variance gradient is backpropagated from the last layer. Returns (act_std,
    grad_rms), each (depth + 1,): the std of a^[l] and the RMS of dL/da^[l] for l = 0..depth.
    """
    choice("normalization", normalization, NORMALIZATIONS)
    for name, value in (("depth", depth), ("width", width), ("batch", batch)):
        whole_number(name, value)
    positive_number("weight_scale", weight_scale)
    get_activation(activation)
    rng = np.random.default_rng(seed)
    inputs = rng.standard_normal(size=(batch, width))
    weights = rescaled([initialize("lecun", (width, width), rng) for _ in range(depth)],
                       weight_scale)
    output_grad = rng.standard_normal(size=(batch, width))
    ones, zeros = np.ones(width), np.zeros(width)
    normalize = None
    if normalization != "none":
        normalize = (lambda x: NORMALIZE[normalization](x, ones, zeros))
    with quiet_float_errors():
        forward = list(stack_forward(inputs, (Layer(W, None, activation, normalize=normalize)
                                              for W in weights)))
        grads = stack_backward(output_grad, [cache for _, cache in forward])
        act_std = np.array([inputs.std()] + [a.std() for a, _ in forward])
        grad_rms = np.array([rms(g.dx) for g in grads] + [rms(output_grad)])
    return act_std, grad_rms
