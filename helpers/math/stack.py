"""The one forward/backward core of every deep feed-forward network in the course.

The MLP, the normalized networks, the mean-field simulation, the Jacobian product and the
residual stacks all run their layers through :func:`layer_forward` and
:func:`layer_backward`, which chain the pairs of :mod:`helpers.math.layers`. One layer maps
its input a (N, n_in) to its output (N, n_out) in one of two orders:

    post-activation (the usual):  out = g(norm(a @ W + b))
    pre-activation:               out = g(norm(a)) @ W + b

and, with a skip connection (``branch_scale`` s given), adds its input back:

    out = a + s * (either of the above)

``b`` None means no bias; ``normalize`` None means no normalization, else a function
x -> (x_normalized, NormCache) such as ``lambda x: layernorm_forward(x, gamma, beta)``.
:func:`stack_forward` and :func:`stack_backward` run a list of layers, the first on the input.
"""
from typing import NamedTuple

import numpy as np

from .layers import (
    ActivationCache,
    AffineCache,
    NormCache,
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
    norm_backward,
    residual_backward,
    residual_forward,
)


class Layer(NamedTuple):
    """One layer: its weights, its bias (or None), g's name, the order, the skip's branch
    scale (None: no skip) and its normalization (None, or x -> (out, NormCache))."""

    W: np.ndarray
    b: np.ndarray | None = None
    activation: str = "tanh"
    preactivation: bool = False
    branch_scale: float | None = None
    normalize: object = None


class LayerCache(NamedTuple):
    """What backward needs of one layer: the caches of its affine map, its activation and its
    normalization (None without), its skip's branch scale (None without), and the order;
    and z, the affine map's output (for statistics)."""

    z: np.ndarray
    affine: AffineCache
    activation: ActivationCache
    residual: float | None
    norm: NormCache | None
    preactivation: bool
    has_bias: bool

    @property
    def slope(self):
        """g'(what g was applied to), from g's saved output: D^[l] of the Jacobian."""
        return self.activation.activation.df_from_output(self.activation.out)


class LayerGrads(NamedTuple):
    """The gradients of one layer: on its input, W, b (None without a bias), and the
    normalization's gamma and beta (None without)."""

    dx: np.ndarray
    dW: np.ndarray
    db: np.ndarray | None
    dgamma: np.ndarray | None
    dbeta: np.ndarray | None


def _affine(x, W, b):
    if b is None:
        return x @ W, AffineCache(x, W)
    return affine_forward(x, W, b)


def _normalized(x, normalize):
    return (x, None) if normalize is None else normalize(x)


def layer_forward(a, layer):
    """a (N, n_in), a :class:`Layer` -> (out (N, n_out), :class:`LayerCache`)."""
    W, b, activation, preactivation, branch_scale, normalize = layer
    if preactivation:
        u, norm_cache = _normalized(a, normalize)
        h, activation_cache = activation_forward(u, activation)
        z, affine_cache = _affine(h, W, b)
        out = z
    else:
        z, affine_cache = _affine(a, W, b)
        u, norm_cache = _normalized(z, normalize)
        out, activation_cache = activation_forward(u, activation)
    if branch_scale is not None:
        out, _ = residual_forward(a, out, branch_scale)
    return out, LayerCache(z, affine_cache, activation_cache, branch_scale, norm_cache,
                           bool(preactivation), b is not None)


def layer_backward(dout, cache):
    """dout = dL/d(out) (N, n_out) -> :class:`LayerGrads`. Never modifies dout or the cache."""
    dbranch, dskip = dout, None
    if cache.residual is not None:
        dskip, dbranch = residual_backward(dout, cache.residual)
    dgamma = dbeta = None
    if cache.preactivation:
        dh, dW, db = affine_backward(dbranch, cache.affine)
        dx = activation_backward(dh, cache.activation)
        if cache.norm is not None:
            dx, dgamma, dbeta = norm_backward(dx, cache.norm)
    else:
        dz = activation_backward(dbranch, cache.activation)
        if cache.norm is not None:
            dz, dgamma, dbeta = norm_backward(dz, cache.norm)
        dx, dW, db = affine_backward(dz, cache.affine)
    if dskip is not None:
        dx = dx + dskip
    return LayerGrads(dx, dW, db if cache.has_bias else None, dgamma, dbeta)


def stack_forward(x, layers):
    """Run ``layers`` (an iterable of :class:`Layer`) from the input x, one after the other;
    a generator of (out, cache) per layer, so a caller may keep what it needs and no more."""
    a = x
    for layer in layers:
        a, cache = layer_forward(a, layer)
        yield a, cache


def stack_backward(dout, caches):
    """Back through the layers of ``caches`` (in forward order) from dout = dL/d(last output):
    [LayerGrads] in forward order; ``grads[0].dx`` is the gradient on the input."""
    grads = []
    for cache in reversed(caches):
        layer_grads = layer_backward(dout, cache)
        grads.append(layer_grads)
        dout = layer_grads.dx
    return grads[::-1]


def residual_block(a, W, b, branch_scale=1.0, activation="tanh"):
    """One post-activation residual block, a + s * g(a @ W + b). a (N, n), W (n, n), b (n,)."""
    out, _ = layer_forward(a, Layer(W, b, activation, branch_scale=branch_scale))
    return out
