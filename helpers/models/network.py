"""The deep multilayer perceptron of the course: build, forward, backward, statistics, train.

Layer l (1-based, l = 1..L) computes

    z^[l] = a^[l-1] @ W^[l] + b^[l]
    a^[l] = g(z^[l])                      (the output layer l = L stays linear: a^[L] = z^[L])
    a^[l] = a^[l-1] + branch_scale * g(z^[l])    for residual hidden layers

and, with ``preactivation=True``, residual hidden layers apply g *before* the affine map
(the ordering of He et al. 2016), so the branch ends in an affine map with zero-mean output:

    a^[l] = a^[l-1] + branch_scale * (g(a^[l-1]) @ W^[l] + b^[l])

with a^[0] = X. In code the lists are 0-based: ``weights[0]`` is W^[1].

With ``normalization="batch"`` every hidden layer normalizes what g is applied to over the
batch (Ioffe & Szegedy 2015), then scales and shifts it by its own gamma^[l] and beta^[l]:

    a^[l] = g(BN(z^[l]))      BN(z) = gamma * (z - mean) / sqrt(var + eps) + beta

with the batch's mean and var while training, and running averages of them at test time
(``forward(X, training=False)``). A bias b^[l] before batch norm is subtracted out with the
mean: its gradient is exactly 0, and beta^[l] takes its place.

Training (:func:`train`, or step by step :func:`training_steps`) takes any optimizer of
:mod:`helpers.models.optimizers`, full batches or minibatches, and records per layer the
gradient norm and the update-to-data ratio ||ΔW^[l]|| / ||W^[l]|| of every step.
"""
import math
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from ..math.activations import SATURATION_LEVEL, get_activation
from ..math.checks import as_rng, choice, positive_number, quiet_float_errors, whole_number
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
from .normalization import NormCache, batchnorm_backward, batchnorm_eval_forward, batchnorm_forward
from .optimizers import SGD

# saturated: g'(z) below this fraction of its peak, which for tanh means |tanh(z)| above
# SATURATION_LEVEL; the same fraction of the peak defines "saturated" for sigmoid
SATURATION_FRACTION = 1.0 - SATURATION_LEVEL**2
MLP_NORMALIZATIONS = ("none", "batch")
# running averages for test time: running <- (1 - BN_MOMENTUM) * running + BN_MOMENTUM * batch
# (PyTorch's default momentum, 0.1)
BN_MOMENTUM = 0.1


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
    """What backward needs of one layer: its affine map's and its activation's caches, the
    branch scale of its skip connection (None without one) and its batch norm's cache (None
    without one)."""

    affine: AffineCache
    activation: ActivationCache
    residual: float | None
    norm: NormCache | None = None


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

    ``normalization="batch"`` puts batch norm before g in every hidden layer (gammas start
    at 1, betas at 0; ``gammas[l]`` is None in the output layer).
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
        normalization="none",
    ):
        self._set_structure(sizes, activation, residual, branch_scale, preactivation,
                            normalization)
        self.init = init
        self.weight_scale = positive_number("weight_scale", weight_scale)
        rng = as_rng(seed)
        shapes = list(zip(self.sizes[:-1], self.sizes[1:]))
        self.weights = [self.weight_scale * initialize(init, shape, rng) for shape in shapes]
        self.biases = [np.zeros(n_out) for _, n_out in shapes]

    def _set_structure(self, sizes, activation, residual, branch_scale, preactivation,
                       normalization="none"):
        """Everything but the weights and biases: widths, activation, skips, batch norm's
        gamma, beta (1 and 0) and running statistics, and no pass run yet."""
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
        self.normalization = choice("normalization", normalization, MLP_NORMALIZATIONS)
        # batch norm sits right before g: on z^[l] (n_out units), or on a^[l-1] (n_in units)
        # in a pre-activation block; never in the linear output layer
        norm_widths = [(n_in if self.residual[l] and self.preactivation else n_out)
                       if normalization == "batch" and l < depth - 1 else None
                       for l, (n_in, n_out) in enumerate(shapes)]
        self.gammas = [None if n is None else np.ones(n) for n in norm_widths]
        self.betas = [None if n is None else np.zeros(n) for n in norm_widths]
        self.running_means = [None if n is None else np.zeros(n) for n in norm_widths]
        self.running_vars = [None if n is None else np.ones(n) for n in norm_widths]
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

    def forward(self, X, training=True):
        """X: (N, sizes[0]) -> output (N, sizes[-1]); keeps what backward needs.

        Values that overflow to inf/NaN at depth are kept (that is the lesson); the first
        layer where it happened is stored in ``first_nonfinite_layer`` (1-based).
        ``training`` matters only with batch norm: True normalizes with the batch's own
        statistics and updates the running averages; False uses the running averages
        (test time: each example on its own) and leaves them unchanged.
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
                    u, norm_cache = self._normalize(l, a, training)
                    h, activation_cache = activation_forward(u, self._layer_activation(l))
                    z, affine_cache = affine_forward(h, W, b)
                    g, residual_cache = residual_forward(a, z, self.branch_scale)
                else:
                    z, affine_cache = affine_forward(a, W, b)
                    u, norm_cache = self._normalize(l, z, training)
                    g, activation_cache = activation_forward(u, self._layer_activation(l))
                    if self.residual[l]:
                        g, residual_cache = residual_forward(a, g, self.branch_scale)
                a = g
                self._caches.append(LayerCache(affine_cache, activation_cache, residual_cache,
                                               norm_cache))
                self.pre_activations.append(z)
                self.activations.append(a)
                if self.first_nonfinite_layer is None and not np.all(np.isfinite(a)):
                    self.first_nonfinite_layer = l + 1
        return a

    def _normalize(self, l, x, training):
        """Batch norm of layer l (0-based) on x, or x itself where there is none."""
        if self.gammas[l] is None:
            return x, None
        if not training:
            return batchnorm_eval_forward(x, self.gammas[l], self.betas[l],
                                          self.running_means[l], self.running_vars[l])
        self.running_means[l] = ((1 - BN_MOMENTUM) * self.running_means[l]
                                 + BN_MOMENTUM * x.mean(axis=0))
        self.running_vars[l] = (1 - BN_MOMENTUM) * self.running_vars[l] + BN_MOMENTUM * x.var(axis=0)
        return batchnorm_forward(x, self.gammas[l], self.betas[l])

    def backward(self, dout):
        """dout = dL/d(output): (N, sizes[-1]). Returns and stores in ``self.grads`` a dict:

        "weights": [dL/dW^[l]], "biases": [dL/db^[l]], both in layer order,
        "gammas", "betas": batch norm's [dL/dgamma^[l]], [dL/dbeta^[l]] (None where there is
        none), and "activations": [dL/da^[l] for l = 0..L] (index 0 is the gradient on X).
        """
        if self._caches is None:
            raise ValueError("call forward(X) before backward(dout)")
        dout = np.asarray(dout, dtype=float)
        expected = self.activations[-1].shape
        if dout.shape != expected:
            raise ValueError(f"dout must have the output's shape {expected}, got {dout.shape}")
        depth = self.depth
        dW, db, da_list = [None] * depth, [None] * depth, [None] * (depth + 1)
        dgamma, dbeta = [None] * depth, [None] * depth
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
                    if cache.norm is not None:
                        da, dgamma[l], dbeta[l] = batchnorm_backward(da, cache.norm)
                else:
                    dz = activation_backward(da_branch, cache.activation)
                    if cache.norm is not None:
                        dz, dgamma[l], dbeta[l] = batchnorm_backward(dz, cache.norm)
                    da, dW[l], db[l] = affine_backward(dz, cache.affine)
                if da_skip is not None:
                    da = da + da_skip
                da_list[l] = da
        self.grads = {"weights": dW, "biases": db, "gammas": dgamma, "betas": dbeta,
                      "activations": da_list}
        return self.grads

    # parameters by name, in the order weights, biases, gammas, betas (the order in which
    # gradient clipping adds up the squares, so clipped runs round the same way every time)
    _PARAMETER_LISTS = (("W", "weights"), ("b", "biases"), ("gamma", "gammas"),
                        ("beta", "betas"))

    def parameters(self):
        """Every trainable array by name: "W1", "W2", ..., "b1", ..., and "gamma1", "beta1",
        ... where batch norm is (1-based, like W^[1])."""
        return {f"{prefix}{l + 1}": value
                for prefix, attribute in self._PARAMETER_LISTS
                for l, value in enumerate(getattr(self, attribute)) if value is not None}

    def gradients(self):
        """The gradients of the last backward pass, named as in :meth:`parameters`."""
        if self.grads is None:
            raise ValueError("call forward(X) and backward(dout) before gradients()")
        return {f"{prefix}{l + 1}": value
                for prefix, attribute in self._PARAMETER_LISTS
                for l, value in enumerate(self.grads[attribute]) if value is not None}

    def apply_changes(self, changes):
        """Add {name: change} to the named parameters (each becomes a new array)."""
        lists = {prefix: getattr(self, attribute) for prefix, attribute in self._PARAMETER_LISTS}
        for name, change in changes.items():
            prefix = name.rstrip("0123456789")
            number = name[len(prefix):]
            if prefix not in lists or not number or not 1 <= int(number) <= self.depth \
                    or lists[prefix][int(number) - 1] is None:
                raise ValueError(f"this network has no parameter named {name!r}")
            lists[prefix][int(number) - 1] = lists[prefix][int(number) - 1] + change

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
class StepRecord:
    """One training step, as :func:`training_steps` yields it (after the update).

    loss: on the step's batch, before the update (inf/NaN: the run diverged at this step).
    grad_norms: (L,) ||dL/dW^[l]|| before clipping.
    update_ratios: (L,) the update-to-data ratio ||ΔW^[l]|| / ||W^[l]|| of this step, with
        W^[l] before the update and ΔW^[l] the change the optimizer made (after clipping).
    clipped: whether gradient clipping rescaled this step.
    """

    step: int
    loss: float
    grad_norms: np.ndarray
    update_ratios: np.ndarray
    clipped: bool


@dataclass
class LayerSnapshot:
    """The hidden layers of a network at one training step, on that step's batch.

    stats: :class:`LayerStats` of every layer; activations: [a^[l]] and activation_grads:
    [dL/da^[l]] for the hidden layers l = 1..L-1, arrays (N, n).
    """

    step: int
    stats: LayerStats
    activations: list
    activation_grads: list


@dataclass
class TrainingHistory:
    """What :func:`train` records, one row per step.

    loss: (steps,) loss before each update; NaN after the run diverged.
    grad_norms: (steps, L) ||dL/dW^[l]|| per step and layer.
    diverged_at: the first step whose loss was inf/NaN, or None.
    clipped_steps: how many steps gradient clipping rescaled.
    update_ratios: (steps, L) ||ΔW^[l]|| / ||W^[l]|| per step and layer (NaN after a
        divergence): notebook 08's update-to-data ratio.
    snapshots: {step: :class:`LayerSnapshot`} for the steps asked for.
    """

    loss: np.ndarray
    grad_norms: np.ndarray
    diverged_at: int | None
    clipped_steps: int
    update_ratios: np.ndarray = None
    snapshots: dict = field(default_factory=dict)


def clip_by_global_norm(grads, max_norm):
    """g <- min(1, max_norm / ||g||) * g over all arrays together; returns (clipped, was_clipped)."""
    total = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
    if total <= max_norm:
        return grads, False
    factor = max_norm / total
    return [g * factor for g in grads], True


def _batches(n_examples, batch_size, rng):
    """Index arrays of ``batch_size`` examples, each example once per pass over the data in a
    fresh random order (a pass ends when fewer than ``batch_size`` examples are left);
    ``batch_size`` None: every step takes all the examples in order."""
    if batch_size is None:
        while True:
            yield slice(None)
    while True:
        order = rng.permutation(n_examples)
        for start in range(0, n_examples - batch_size + 1, batch_size):
            yield order[start:start + batch_size]


def training_steps(net, X, y, steps, optimizer, loss_fn=mse_loss, batch_size=None,
                   clip_norm=None, seed=0):
    """Train ``net`` one step at a time: a generator of :class:`StepRecord`, one per update.

    Each step: forward a batch (``batch_size`` examples drawn without replacement, reshuffled
    every pass, from ``seed``; None: all of X), the loss, backward, clip (``clip_norm``), ask
    ``optimizer`` (:mod:`helpers.models.optimizers`) for the changes, apply them, yield. A
    step whose loss is inf/NaN is yielded with that loss and ends the run, with no update.
    Stop iterating at any time: the network keeps the updates made so far (the live figure
    of notebook 08 stops a run this way). ``y`` is whatever ``loss_fn(output, y)`` takes.
    """
    steps = whole_number("steps", steps)
    if batch_size is not None:
        batch_size = whole_number("batch_size", batch_size, high=len(X))
    if clip_norm is not None:
        clip_norm = positive_number("clip_norm", clip_norm)
    batches = _batches(len(X), batch_size, as_rng(seed))
    for step in range(steps):
        batch = next(batches)
        with quiet_float_errors():  # never held across a yield: it would leak to the caller
            loss, dout = loss_fn(net.forward(X[batch]), y[batch])
            if not math.isfinite(loss):
                nothing = np.full(net.depth, np.nan)
                record = StepRecord(step, loss, nothing, nothing.copy(), False)
            else:
                net.backward(dout)
                grads = net.gradients()
                grad_norms = np.array([np.linalg.norm(grads[f"W{l + 1}"])
                                       for l in range(net.depth)])
                clipped = False
                if clip_norm is not None:
                    values, clipped = clip_by_global_norm(list(grads.values()), clip_norm)
                    grads = dict(zip(grads, values))
                changes = optimizer.step(grads)
                ratios = np.array([np.linalg.norm(changes[f"W{l + 1}"]) / np.linalg.norm(W)
                                   for l, W in enumerate(net.weights)])
                net.apply_changes(changes)
                record = StepRecord(step, loss, grad_norms, ratios, clipped)
        yield record
        if not math.isfinite(loss):
            return


def layer_snapshot(net, step):
    """A :class:`LayerSnapshot` of the hidden layers from ``net``'s last forward and backward."""
    hidden = range(1, net.depth)
    return LayerSnapshot(step, net.layer_stats(), [net.activations[l] for l in hidden],
                         [net.grads["activations"][l] for l in hidden])


def train(net, X, y, steps=200, lr=0.05, clip_norm=None, loss_fn=mse_loss, optimizer=None,
          batch_size=None, seed=0, snapshot_steps=()):
    """Train ``net`` with :func:`training_steps`; returns a :class:`TrainingHistory`.

    The defaults are full-batch gradient descent (``optimizer=None``: SGD with ``lr``) on the
    mean squared error; pass an optimizer (then ``lr`` is not used), ``batch_size``, and
    ``loss_fn=softmax_cross_entropy`` with integer labels for classification.
    ``clip_norm`` (a positive number) rescales the whole gradient whenever its global norm
    exceeds it. A run whose loss becomes inf/NaN stops updating and reports the step.
    ``snapshot_steps``: steps at which to keep a :class:`LayerSnapshot` (per-layer stats
    and the hidden layers' activations and gradients, for histograms).
    """
    steps = whole_number("steps", steps)
    optimizer = SGD(lr) if optimizer is None else optimizer
    losses = np.full(steps, np.nan)
    grad_norms = np.full((steps, net.depth), np.nan)
    update_ratios = np.full((steps, net.depth), np.nan)
    snapshot_steps = {whole_number("every step in snapshot_steps", step, low=0)
                      for step in snapshot_steps}
    diverged_at, clipped_steps, snapshots = None, 0, {}
    for record in training_steps(net, X, y, steps, optimizer, loss_fn, batch_size, clip_norm,
                                 seed):
        if not math.isfinite(record.loss):
            diverged_at = record.step
            break
        losses[record.step] = record.loss
        grad_norms[record.step] = record.grad_norms
        update_ratios[record.step] = record.update_ratios
        clipped_steps += record.clipped
        if record.step in snapshot_steps:
            snapshots[record.step] = layer_snapshot(net, record.step)
    return TrainingHistory(losses, grad_norms, diverged_at, clipped_steps, update_ratios,
                           snapshots)
