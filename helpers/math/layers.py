"""Forward/backward pairs, one operation each (the CS231n convention), and the losses.

Every ``*_forward`` returns ``(out, cache)``; the matching ``*_backward`` takes the upstream
gradient ``dout`` (same shape as ``out``) and the cache, and returns the gradients of the
inputs. Backward passes never modify ``dout`` or the cache. Arrays are batch-first.
"""
from typing import NamedTuple

import numpy as np

from .activations import Activation, get_activation
from .checks import quiet_float_errors


class AffineCache(NamedTuple):
    x: np.ndarray
    W: np.ndarray


class ActivationCache(NamedTuple):
    z: np.ndarray  # what g was applied to
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
    return act.f(z), ActivationCache(z, act)


def activation_backward(dout, cache):
    """dz = dout * g'(z)."""
    return dout * cache.activation.df(cache.z)


def residual_forward(x, branch_out, branch_scale=1.0):
    """x_next = x + branch_scale * F(x): the skip connection adds the input back."""
    return x + branch_scale * branch_out, branch_scale


def residual_backward(dout, cache):
    """The identity path passes dout straight through: returns (dx_skip, dbranch_out)."""
    branch_scale = cache
    return dout, branch_scale * dout


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
        shifted = logits - logits.max(axis=1, keepdims=True)  # exp never overflows
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -float(log_probs[np.arange(N), labels].mean())
        dlogits = np.exp(log_probs)
    dlogits[np.arange(N), labels] -= 1.0
    return loss, dlogits / N
