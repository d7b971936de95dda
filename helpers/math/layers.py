"""Forward/backward pairs, one operation each (the CS231n convention), and the losses.

Every ``*_forward`` returns ``(out, cache)``; the matching ``*_backward`` takes the upstream
gradient ``dout`` (same shape as ``out``) and the cache, and returns the gradients of the
inputs. Backward passes never modify ``dout`` or the cache. Arrays are batch-first.

    affine        z = x @ W + b
    activation    a = g(z)
    residual      x + s * F(x)
    batch norm    per unit over the batch;  layer norm: per example over the units
    losses        mse_loss, softmax_cross_entropy (and softmax itself)

Batch and layer norm subtract a mean and divide by a standard deviation, then scale and shift:

    x_hat = (x - mean) / sqrt(var + eps),    out = gamma * x_hat + beta

*Batch norm* (Ioffe & Szegedy 2015) takes mean and var per unit over the batch (axis 0);
*layer norm* (Ba, Kiros & Hinton 2016) per example over the units (axis 1). x (N, D); gamma,
beta (D,). At test time batch norm cannot use the batch's own statistics (a single image
would be normalized to 0): it uses running averages seen in training,
:func:`batchnorm_eval_forward` (the MLP keeps them).
"""
from typing import NamedTuple

import numpy as np

from .activations import Activation, get_activation
from .checks import quiet_float_errors

EPS = 1e-5  # added to the variance before the square root (PyTorch's default)


class AffineCache(NamedTuple):
    x: np.ndarray
    W: np.ndarray


class ActivationCache(NamedTuple):
    z: np.ndarray  # what g was applied to
    out: np.ndarray  # g(z): the backward pass takes g'(z) from it (tanh' = 1 - a^2)
    activation: Activation


def affine_forward(x, W, b):
    """z = x @ W + b.  x: (N, D_in), W: (D_in, D_out), b: (D_out,) -> z: (N, D_out)."""
    return x @ W + b, AffineCache(x, W)


def affine_backward(dout, cache):
    """dout: (N, D_out) -> dx (N, D_in), dW (D_in, D_out), db (D_out,)."""
    return dout @ cache.W.T, cache.x.T @ dout, dout.sum(axis=0)


def activation_forward(z, activation):
    """a = g(z) elementwise, for an activation name from :mod:`helpers.math.activations`."""
    act = get_activation(activation)
    out = act.f(z)
    return out, ActivationCache(z, out, act)


def activation_backward(dout, cache):
    """dz = dout * g'(z), with g'(z) computed from the saved output g(z)."""
    return dout * cache.activation.df_from_output(cache.out)


def residual_forward(x, branch_out, branch_scale=1.0):
    """x_next = x + branch_scale * F(x): the skip connection adds the input back."""
    return x + branch_scale * branch_out, branch_scale


def residual_backward(dout, cache):
    """The identity path passes dout straight through: returns (dx_skip, dbranch_out)."""
    branch_scale = cache
    return dout, branch_scale * dout


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


def norm_backward(dout, cache):
    """The backward pass of every normalization here (batch, layer, batch at test time):
    dout (N, D) -> dx (N, D), dgamma (D,), dbeta (D,)."""
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
    return norm_backward(dout, cache)


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
    return norm_backward(dout, cache)


def mse_loss(pred, target):
    """Mean squared error over every entry. pred, target: (N, D) -> (loss, dpred)."""
    pred, target = np.asarray(pred, dtype=float), np.asarray(target, dtype=float)
    if pred.shape != target.shape:  # broadcasting would quietly compare every pair
        raise ValueError(f"the target must have the output's shape {pred.shape}, "
                         f"got {target.shape}")
    diff = pred - target
    return float(np.mean(diff * diff)), 2.0 * diff / diff.size


def softmax_cross_entropy(logits, labels):
    """Mean cross-entropy of softmax(logits) against integer labels -> (loss, dlogits).

    logits: (N, K); labels: (N,) whole numbers 0..K-1. With p = softmax(z) row by row,

        L = -mean_i log p[i, y_i],      dL/dz = (p - onehot(y)) / N.

    Untrained, a network that favours no class has p = 1/K and L = ln K. Logits that have
    overflowed to inf or NaN give a NaN loss (a training loop reports the step), not an error.
    """
    logits = np.asarray(logits, dtype=float)
    if logits.ndim != 2 or 0 in logits.shape:
        raise ValueError(f"logits must have shape (N, K) (every size >= 1), "
                         f"got shape {logits.shape}")
    labels = np.asarray(labels)
    N, K = logits.shape
    if labels.shape != (N,):
        raise ValueError(f"labels must have shape ({N},), one class per row of logits, "
                         f"got shape {labels.shape}")
    if not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0 or labels.max() >= K:
        raise ValueError(f"labels must be whole numbers from 0 to {K - 1} (one per class), "
                         f"got {labels.dtype} values from {labels.min()} to {labels.max()}")
    with quiet_float_errors():
        log_probs = log_softmax(logits)
        loss = -float(log_probs[np.arange(N), labels].mean())
        dlogits = np.exp(log_probs)
    dlogits[np.arange(N), labels] -= 1.0
    return loss, dlogits / N


def log_softmax(logits):
    """log softmax(z) along the last axis, without overflow: z - max z - log sum exp(z - max z)."""
    shifted = logits - logits.max(axis=-1, keepdims=True)  # exp never overflows
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(logits):
    """p = exp(z) / sum exp(z) along the last axis (each row adds up to 1)."""
    return np.exp(log_softmax(np.asarray(logits, dtype=float)))
