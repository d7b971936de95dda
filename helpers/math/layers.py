"""Forward/backward pairs, one operation each (the CS231n convention), and the losses.

Every ``*_forward`` returns ``(out, cache)``; the matching ``*_backward`` takes the upstream
gradient ``dout`` (same shape as ``out``) and the cache, and returns the gradients of the
inputs. Backward passes never modify ``dout`` or the cache. Arrays are batch-first.
"""
from typing import NamedTuple

import numpy as np

from .activations import Activation, get_activation


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
    diff = pred - target
    return float(np.mean(diff * diff)), 2.0 * diff / diff.size


def softmax_cross_entropy(logits, labels):
    """Mean cross-entropy of softmax(logits) (N, K) against integer labels (N,) -> loss, dlogits."""
    shifted = logits - logits.max(axis=1, keepdims=True)  # exp never overflows
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    N = len(labels)
    loss = -float(log_probs[np.arange(N), labels].mean())
    dlogits = np.exp(log_probs)
    dlogits[np.arange(N), labels] -= 1.0
    return loss, dlogits / N
