"""Notebook 07, beyond the sources: a deep normalized network at initialization.

:func:`normalized_network_profile` is what the notebook prints for batch norm's gradient
explosion at initialization (Yang et al. 2019) and for layer norm, which has none. (The
mean-field and Jacobian checks of notebook 07 are theory: :mod:`helpers.theory`.)
"""
import numpy as np

from ..math.activations import get_activation
from ..math.checks import choice, positive_number, quiet_float_errors, whole_number
from ..math.initializers import initialize, rescaled
from ..math.layers import batchnorm_forward, layernorm_forward
from ..math.stack import Layer, stack_backward, stack_forward
from ..math.statistics import rms

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
