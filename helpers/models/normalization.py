"""Batch and layer normalization: forward/backward pairs, and a deep network that uses them.

Both subtract a mean and divide by a standard deviation, then scale and shift:

    x_hat = (x - mean) / sqrt(var + eps),    out = gamma * x_hat + beta

*Batch norm* (Ioffe & Szegedy 2015) takes mean and var per unit over the batch (axis 0);
*layer norm* (Ba, Kiros & Hinton 2016) per example over the units (axis 1). Shapes:
x (N, D); gamma, beta (D,). Backward passes follow the CS231n convention and are
gradient-checked in tests/test_normalization.py.

At test time batch norm cannot use the batch's own statistics (a single image would be
normalized to 0): it uses running averages of the mean and variance seen in training,
:func:`batchnorm_eval_forward`. The MLP keeps them (``helpers.models.network``).
"""
from typing import NamedTuple

import numpy as np

from ..math.activations import get_activation
from ..math.statistics import rms
from ..math.checks import choice, positive_number, quiet_float_errors, whole_number

NORMALIZATIONS = ("none", "batch", "layer")
EPS = 1e-5


class NormCache(NamedTuple):
    x_hat: np.ndarray  # the normalized input
    inv_std: np.ndarray  # 1 / sqrt(var + eps), per unit (batch norm) or per example (layer norm)
    gamma: np.ndarray
    # 0: statistics over the batch (batch norm), 1: over the units (layer norm), None: fixed
    # statistics (batch norm at test time), which do not depend on x
    axis: int | None


def _normalize_forward(x, gamma, beta, axis, eps):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must have shape (N, D), got {x.shape}")
    if np.shape(gamma) != (x.shape[1],) or np.shape(beta) != (x.shape[1],):
        raise ValueError(f"gamma and beta must have shape ({x.shape[1]},), "
                         f"got {np.shape(gamma)} and {np.shape(beta)}")
    mean = x.mean(axis=axis, keepdims=True)
    centered = x - mean
    inv_std = 1.0 / np.sqrt((centered * centered).mean(axis=axis, keepdims=True) + eps)
    x_hat = centered * inv_std
    return gamma * x_hat + beta, NormCache(x_hat, inv_std, gamma, axis)


def _normalize_backward(dout, cache):
    x_hat, axis = cache.x_hat, cache.axis
    # gamma and beta are per unit (D,) for both kinds: their gradients sum over the batch
    dgamma = (dout * x_hat).sum(axis=0)
    dbeta = dout.sum(axis=0)
    dx_hat = dout * cache.gamma
    if axis is None:  # fixed statistics: x_hat = (x - mean) * inv_std is affine in x
        return cache.inv_std * dx_hat, dgamma, dbeta
    # d x_hat / d x removes the mean and the component along x_hat, then scales by 1/std
    dx = cache.inv_std * (dx_hat - dx_hat.mean(axis=axis, keepdims=True)
                          - x_hat * (dx_hat * x_hat).mean(axis=axis, keepdims=True))
    return dx, dgamma, dbeta


def batchnorm_forward(x, gamma, beta, eps=EPS):
    """Normalize each unit over the batch. x: (N, D) -> out (N, D), cache."""
    return _normalize_forward(x, gamma, beta, 0, eps)


def batchnorm_backward(dout, cache):
    """dout: (N, D) -> dx (N, D), dgamma (D,), dbeta (D,). Takes the cache of either forward."""
    return _normalize_backward(dout, cache)


def batchnorm_eval_forward(x, gamma, beta, running_mean, running_var, eps=EPS):
    """Batch norm at test time: each unit normalized with the running mean and variance from
    training, so every example is treated on its own. x: (N, D); the rest (D,) -> out, cache."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must have shape (N, D), got shape {x.shape}")
    shape = (x.shape[1],)
    shapes = [np.shape(value) for value in (gamma, beta, running_mean, running_var)]
    if any(given != shape for given in shapes):
        raise ValueError(f"gamma, beta, running_mean and running_var must have shape {shape}, "
                         f"got {shapes}")
    inv_std = 1.0 / np.sqrt(np.asarray(running_var, dtype=float) + eps)
    x_hat = (x - running_mean) * inv_std
    return gamma * x_hat + beta, NormCache(x_hat, inv_std, gamma, None)


def layernorm_forward(x, gamma, beta, eps=EPS):
    """Normalize each example over its units. x: (N, D) -> out (N, D), cache."""
    return _normalize_forward(x, gamma, beta, 1, eps)


def layernorm_backward(dout, cache):
    """dout: (N, D) -> dx (N, D), dgamma (D,), dbeta (D,)."""
    return _normalize_backward(dout, cache)


def normalized_network_profile(depth, width, weight_scale=1.0, normalization="layer",
                               activation="tanh", batch=64, seed=0):
    """Per-layer statistics of a deep net a^[l] = g(norm(a^[l-1] @ W^[l])) at initialization.

    W^[l] has entries N(0, weight_scale**2 / width) (so weight_scale 1 is LeCun's init);
    norm is batch norm, layer norm (gamma = 1, beta = 0) or "none". A random unit-variance
    gradient is backpropagated from the last layer. Returns (act_std, grad_rms), each
    (depth + 1,): the std of a^[l] and the RMS of dL/da^[l] for l = 0..depth.
    """
    choice("normalization", normalization, NORMALIZATIONS)
    for name, value in (("depth", depth), ("width", width), ("batch", batch)):
        whole_number(name, value)
    positive_number("weight_scale", weight_scale)
    rng = np.random.default_rng(seed)
    inputs = rng.normal(size=(batch, width))
    weights = [rng.normal(0.0, weight_scale / np.sqrt(width), size=(width, width))
               for _ in range(depth)]
    output_grad = rng.normal(size=(batch, width))
    with quiet_float_errors():
        activations, grads = normalized_forward_backward(inputs, weights, normalization,
                                                         activation, output_grad)
        act_std = np.array([a.std() for a in activations])
        grad_rms = np.array([rms(grad) for grad in grads])
    return act_std, grad_rms


def normalized_forward_backward(inputs, weights, normalization, activation, output_grad):
    """a^[l] = g(norm(a^[l-1] @ W^[l])) forward, then backward from dL/da^[L] = output_grad.

    inputs: a^[0], (N, n); weights: list of (n, n). Returns ([a^[0..L]], [dL/da^[0..L]]).
    """
    choice("normalization", normalization, NORMALIZATIONS)
    act = get_activation(activation)
    forward = {"batch": batchnorm_forward, "layer": layernorm_forward}.get(normalization)
    backward = {"batch": batchnorm_backward, "layer": layernorm_backward}.get(normalization)
    width = inputs.shape[1]
    ones, zeros = np.ones(width), np.zeros(width)
    activations, caches = [inputs], []
    for W in weights:
        u = activations[-1] @ W
        norm_cache = None
        if forward is not None:
            u, norm_cache = forward(u, ones, zeros)
        activations.append(act.f(u))
        caches.append((W, u, norm_cache))
    grads = [output_grad]
    for W, u, norm_cache in reversed(caches):
        grad = grads[-1] * act.df(u)
        if norm_cache is not None:
            grad = backward(grad, norm_cache)[0]
        grads.append(grad @ W.T)
    return activations, grads[::-1]
