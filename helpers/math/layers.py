"""Forward/backward pairs, one operation each (the CS231n convention).

Every ``*_forward`` returns ``(out, cache)``; the matching ``*_backward`` takes the upstream
gradient ``dout`` (same shape as ``out``) and the cache, and returns the gradients of the
inputs. Backward passes never modify ``dout`` or the cache. Arrays are batch-first.
"""
import numpy as np

from .activations import get_activation


def affine_forward(x, W, b):
    """z = x @ W + b.  x: (N, D_in), W: (D_in, D_out), b: (D_out,) -> z: (N, D_out)."""
    return x @ W + b, (x, W)


def affine_backward(dout, cache):
    """dout: (N, D_out) -> dx (N, D_in), dW (D_in, D_out), db (D_out,)."""
    x, W = cache
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)


def activation_forward(z, activation):
    """a = g(z) elementwise, for an activation name from :mod:`helpers.activations`."""
    act = get_activation(activation)
    return act.f(z), (z, act)


def activation_backward(dout, cache):
    """dz = dout * g'(z)."""
    z, act = cache
    return dout * act.df(z)


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
