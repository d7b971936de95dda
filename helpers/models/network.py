"""The deep multilayer perceptron of the course: build, forward, backward, statistics, train.

Layer l (1-based, l = 1..L) computes

    z^[l] = a^[l-1] @ W^[l] + b^[l]
    a^[l] = g(z^[l])                      (the output layer l = L stays linear: a^[L] = z^[L])
    a^[l] = a^[l-1] + branch_scale * g(z^[l])    for residual hidden layers

and, with ``preactivation=True``, residual hidden layers apply g *before* the affine map
(the ordering of He et al. 2016), so the branch ends in an affine map with zero-mean output:

    a^[l] = a^[l-1] + branch_scale * (g(a^[l-1]) @ W^[l] + b^[l])

with a^[0] = X. In code the lists are 0-based: ``weights[0]`` is W^[1].
"""
import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..math.activations import SATURATION_LEVEL, get_activation
from ..math.checks import as_rng, positive_number, quiet_float_errors, whole_number
from ..math.initializers import initialize
from ..math.statistics import rms, scale_safe
from ..math.layers import (
    ActivationCache,
    AffineCache,
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
    mse_loss,
    residual_backward,
    residual_forward,
)

# saturated: g'(z) below this fraction of its peak, which for tanh means |tanh(z)| above
# SATURATION_LEVEL; the same fraction of the peak defines "saturated" for sigmoid
SATURATION_FRACTION = 1.0 - SATURATION_LEVEL**2


def make_sizes(depth, width, n_in=None, n_out=None):
    """Layer widths for ``depth`` layers: [n_in, width, ..., width, n_out] (n_in/n_out default width)."""
    whole_number("depth", depth)
    whole_number("width", width)
    n_in = width if n_in is None else n_in
    n_out = width if n_out is None else n_out
    return [n_in] + [width] * (depth - 1) + [n_out]


def _check_sizes(sizes):
    """The layer widths as a list of ints: the input width and at least one layer."""
    try:
        widths = list(sizes)
    except TypeError:
        widths = []
    if len(widths) < 2:
        raise ValueError(f"sizes must be a list of two or more layer widths, like [4, 64, 64, 1], "
                         f"got {sizes!r}")
    return [whole_number("every layer width in sizes", width) for width in widths]


class LayerCache(NamedTuple):
    """What backward needs of one layer: its affine map's and its activation's caches, and
    the branch scale of its skip connection (None without one)."""

    affine: AffineCache
    activation: ActivationCache
    residual: float | None


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


class MLP:
    """A deep fully connected network, written out so every step can be read.

    >>> net = MLP(sizes=[4, 64, 64, 1], activation="tanh", init="xavier", seed=0)
    >>> out = net.forward(np.ones((8, 4)))            # (8, 1)
    >>> grads = net.backward(np.ones_like(out))       # {"weights": [...], "biases": [...], ...}
    """

    def __init__(
        self,
        sizes,
        activation="tanh",
        init="xavier",
        weight_scale=1.0,
        residual=False,
        seed=0,
        branch_scale=1.0,
        preactivation=False,
    ):
        self._set_structure(sizes, activation, residual, branch_scale, preactivation)
        self.init = init
        self.weight_scale = positive_number("weight_scale", weight_scale)
        rng = as_rng(seed)
        shapes = list(zip(self.sizes[:-1], self.sizes[1:]))
        self.weights = [self.weight_scale * initialize(init, shape, rng) for shape in shapes]
        self.biases = [np.zeros(n_out) for _, n_out in shapes]

    def _set_structure(self, sizes, activation, residual, branch_scale, preactivation):
        """Everything but the parameters: widths, activation, skips, and no pass run yet."""
        self.sizes = _check_sizes(sizes)
        self.activation = get_activation(activation).name
        self.branch_scale = positive_number("branch_scale", branch_scale) if residual else 1.0
        shapes = list(zip(self.sizes[:-1], self.sizes[1:]))
        depth = len(shapes)
        # skips join equal-width *hidden* layers: never the first (input) or the last (output)
        self.residual = [
            bool(residual) and 0 < l < depth - 1 and n_in == n_out
            for l, (n_in, n_out) in enumerate(shapes)
        ]
        # pre-activation order (g, then affine) only in the residual layers
        self.preactivation = bool(preactivation) and any(self.residual)
        self._caches = None
        self.activations = None  # a^[0..L] from the last forward pass
        self.pre_activations = None  # z^[1..L]
        self.grads = None
        self.first_nonfinite_layer = None

    @classmethod
    def from_weights(cls, weights, activation="tanh", biases=None):
        """A network with the given weight matrices (and zero biases unless given), no init.

        Handy for fixed examples like W^[l] = 1.5·I, or to rescale another network's weights.
        """
        weights = [np.asarray(W, dtype=float) for W in weights]
        if not weights or any(W.ndim != 2 for W in weights):
            raise ValueError("weights must be a non-empty list of 2-D arrays (D_in, D_out)")
        for l in range(1, len(weights)):
            if weights[l].shape[0] != weights[l - 1].shape[1]:
                raise ValueError(
                    f"weights[{l}] has {weights[l].shape[0]} rows but weights[{l - 1}] has "
                    f"{weights[l - 1].shape[1]} columns; consecutive shapes must chain")
        sizes = [weights[0].shape[0]] + [W.shape[1] for W in weights]
        # no init: drawing weights only to replace them cost ~5 ms per slider frame at depth 2000
        net = cls.__new__(cls)
        net._set_structure(sizes, activation, residual=False, branch_scale=1.0,
                           preactivation=False)
        net.init, net.weight_scale = None, float("nan")  # not made by a scheme
        net.weights = weights
        if biases is None:
            net.biases = [np.zeros(n_out) for n_out in sizes[1:]]
        else:
            net.biases = [np.asarray(b, dtype=float) for b in biases]
            if [b.shape for b in net.biases] != [(n,) for n in sizes[1:]]:
                raise ValueError(f"biases must have shapes {[(n,) for n in sizes[1:]]}")
        return net

    @property
    def depth(self):
        """L, the number of weight layers."""
        return len(self.weights)

    def _layer_activation(self, l):
        return "linear" if l == self.depth - 1 else self.activation

    def _check_input(self, X):
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X must have shape (N, {self.sizes[0]}) for this network, got {X.shape}"
            )
        if not np.all(np.isfinite(X)):
            raise ValueError("X must be finite, got NaN or inf in it")
        return X

    def forward(self, X):
        """X: (N, sizes[0]) -> output (N, sizes[-1]); keeps what backward needs.

        Values that overflow to inf/NaN at depth are kept (that is the lesson); the first
        layer where it happened is stored in ``first_nonfinite_layer`` (1-based).
        """
        a = self._check_input(X)
        self._caches = []
        self.activations = [a]
        self.pre_activations = []
        self.first_nonfinite_layer = None
        self.grads = None
        with quiet_float_errors():
            for l, (W, b) in enumerate(zip(self.weights, self.biases)):
                residual_cache = None
                if self.residual[l] and self.preactivation:
                    h, activation_cache = activation_forward(a, self._layer_activation(l))
                    z, affine_cache = affine_forward(h, W, b)
                    g, residual_cache = residual_forward(a, z, self.branch_scale)
                else:
                    z, affine_cache = affine_forward(a, W, b)
                    g, activation_cache = activation_forward(z, self._layer_activation(l))
                    if self.residual[l]:
                        g, residual_cache = residual_forward(a, g, self.branch_scale)
                a = g
                self._caches.append(LayerCache(affine_cache, activation_cache, residual_cache))
                self.pre_activations.append(z)
                self.activations.append(a)
                if self.first_nonfinite_layer is None and not np.all(np.isfinite(a)):
                    self.first_nonfinite_layer = l + 1
        return a

    def backward(self, dout):
        """dout = dL/d(output): (N, sizes[-1]). Returns and stores in ``self.grads`` a dict:

        "weights": [dL/dW^[l]], "biases": [dL/db^[l]], both in layer order, and
        "activations": [dL/da^[l] for l = 0..L] (index 0 is the gradient on the input X).
        """
        if self._caches is None:
            raise ValueError("call forward(X) before backward(dout)")
        dout = np.asarray(dout, dtype=float)
        expected = self.activations[-1].shape
        if dout.shape != expected:
            raise ValueError(f"dout must have the output's shape {expected}, got {dout.shape}")
        depth = self.depth
        dW, db, da_list = [None] * depth, [None] * depth, [None] * (depth + 1)
        da = dout
        da_list[depth] = da
        with quiet_float_errors():
            for l in reversed(range(depth)):
                cache = self._caches[l]
                da_branch, da_skip = da, None
                if cache.residual is not None:
                    da_skip, da_branch = residual_backward(da, cache.residual)
                if cache.residual is not None and self.preactivation:
                    dh, dW[l], db[l] = affine_backward(da_branch, cache.affine)
                    da = activation_backward(dh, cache.activation)
                else:
                    dz = activation_backward(da_branch, cache.activation)
                    da, dW[l], db[l] = affine_backward(dz, cache.affine)
                if da_skip is not None:
                    da = da + da_skip
                da_list[l] = da
        self.grads = {"weights": dW, "biases": db, "activations": da_list}
        return self.grads

    def layer_stats(self):
        """Per-layer statistics of the last forward (and backward) pass: a :class:`LayerStats`."""
        if self.activations is None:
            raise ValueError("call forward(X) before layer_stats()")
        depth = self.depth
        stats = {key: np.full(depth, np.nan) for key in (
            "act_mean", "act_std", "act_rms", "saturated_pct", "dead_pct", "grad_norm",
            "grad_to_weight")}
        with quiet_float_errors():
            for l in range(depth):
                a = self.activations[l + 1]
                z = self._caches[l].activation.z  # z^[l], or a^[l-1] in a pre-activation block
                stats["act_mean"][l] = a.mean()
                stats["act_std"][l] = scale_safe(np.std, a)
                stats["act_rms"][l] = scale_safe(rms, a)
                layer_act = get_activation(self._layer_activation(l))
                slope = layer_act.df(z)
                if layer_act.saturates:
                    peak = layer_act.df(np.zeros(1))[0]
                    stats["saturated_pct"][l] = 100.0 * np.mean(slope < SATURATION_FRACTION * peak)
                stats["dead_pct"][l] = 100.0 * np.mean(np.all(slope == 0, axis=0))
                if self.grads is not None:
                    grad_norm = np.linalg.norm(self.grads["weights"][l])
                    stats["grad_norm"][l] = grad_norm
                    stats["grad_to_weight"][l] = grad_norm / np.linalg.norm(self.weights[l])
        return LayerStats(**stats, first_nonfinite_layer=self.first_nonfinite_layer)


@dataclass
class TrainingHistory:
    """What :func:`train` records, one row per step.

    loss: (steps,) loss before each update; NaN after the run diverged.
    grad_norms: (steps, L) ||dL/dW^[l]|| per step and layer.
    diverged_at: the first step whose loss was inf/NaN, or None.
    clipped_steps: how many steps gradient clipping rescaled.
    """

    loss: np.ndarray
    grad_norms: np.ndarray
    diverged_at: int | None
    clipped_steps: int


def clip_by_global_norm(grads, max_norm):
    """g <- min(1, max_norm / ||g||) * g over all arrays together; returns (clipped, was_clipped)."""
    total = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
    if total <= max_norm:
        return grads, False
    factor = max_norm / total
    return [g * factor for g in grads], True


def train(net, X, y, steps=200, lr=0.05, clip_norm=None, loss_fn=mse_loss):
    """Full-batch gradient descent on ``net``; returns a :class:`TrainingHistory`.

    ``clip_norm`` (a positive number) rescales the whole gradient whenever its global norm
    exceeds it. A run whose loss becomes inf/NaN stops updating and reports the step.
    """
    whole_number("steps", steps)
    positive_number("lr", lr)
    if clip_norm is not None:
        positive_number("clip_norm", clip_norm)
    y = np.asarray(y, dtype=float)
    losses = np.full(steps, np.nan)
    grad_norms = np.full((steps, net.depth), np.nan)
    diverged_at, clipped_steps = None, 0
    with quiet_float_errors():
        for step in range(steps):
            pred = net.forward(X)
            if pred.shape != y.shape:
                raise ValueError(f"y must have the output's shape {pred.shape}, got {y.shape}")
            loss, dpred = loss_fn(pred, y)
            if not math.isfinite(loss):
                diverged_at = step
                break
            losses[step] = loss
            grads = net.backward(dpred)
            grad_norms[step] = [np.linalg.norm(dW) for dW in grads["weights"]]
            updates = grads["weights"] + grads["biases"]
            if clip_norm is not None:
                updates, clipped = clip_by_global_norm(updates, clip_norm)
                clipped_steps += clipped
            depth = net.depth
            net.weights = [W - lr * dW for W, dW in zip(net.weights, updates[:depth])]
            net.biases = [b - lr * db for b, db in zip(net.biases, updates[depth:])]
    return TrainingHistory(losses, grad_norms, diverged_at, clipped_steps)
