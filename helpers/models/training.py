"""Training a network step by step, with any optimizer, and what a run records.

:func:`training_steps` is the one training loop of the course: each step takes a batch, the
loss and its gradient, clips the gradient by its global norm (optional), asks an optimizer
(:mod:`helpers.models.optimizers`) for the changes and applies them. A run *diverges* at the
first step whose loss is inf or NaN: that step makes no update and ends the run, wherever the
loop is used (:func:`train`, notebook 08's live training, the recall task of notebook 05).
:func:`train` records per layer the gradient norm and the update-to-data ratio
||ΔW^[l]|| / ||W^[l]|| of every step.
"""
import math
from dataclasses import dataclass, field

import numpy as np

from ..math.checks import as_rng, positive_number, quiet_float_errors, whole_number
from ..math.layers import mse_loss
from ..math.statistics import global_norm
from .diagnostics import LayerStats
from .optimizers import SGD


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
    total = global_norm(grads)
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


@dataclass
class Update:
    """One step of :func:`descent_steps`, after its update (or, if it diverged, without one).

    loss: on the step's batch, before the update; grads: {name: dL/dp} before clipping
    (None if the step diverged); update_ratios: {name: ||Δp|| / ||p||} with p before the
    update and Δp after clipping; clipped: whether clipping rescaled the step; info: whatever
    else the model's ``loss_and_gradients`` returned (the batch accuracy, say).
    """

    step: int
    loss: float
    grads: dict | None
    update_ratios: dict | None
    clipped: bool
    info: tuple

    @property
    def diverged(self):
        return not math.isfinite(self.loss)


def descent_steps(model, batches, steps, optimizer, clip_norm=None):
    """The course's one training loop: a generator of :class:`Update`, one per step.

    ``model`` has ``loss_and_gradients(batch) -> (loss, {name: gradient}, *info)``,
    ``parameters() -> {name: array}`` and ``apply_changes({name: change})``; ``batches`` is an
    iterator of whatever ``loss_and_gradients`` takes. Each step: the loss and its gradient on
    the next batch; the gradient clipped by its global norm (``clip_norm``, None: never); the
    optimizer's changes, applied; yield. The run *diverges* at the first step whose loss is
    inf or NaN: that step is yielded with no update and ends the run. Stop iterating at any
    time: the model keeps the updates made so far.
    """
    steps = whole_number("steps", steps)
    if clip_norm is not None:
        clip_norm = positive_number("clip_norm", clip_norm)
    for step in range(steps):
        with quiet_float_errors():  # never held across a yield: it would leak to the caller
            loss, grads, *info = model.loss_and_gradients(next(batches))
            if not math.isfinite(loss):
                update = Update(step, loss, None, None, False, tuple(info))
            else:
                clipped, used = False, grads
                if clip_norm is not None:
                    values, clipped = clip_by_global_norm(list(grads.values()), clip_norm)
                    used = dict(zip(grads, values))
                changes = optimizer.step(used)
                parameters = model.parameters()
                ratios = {name: np.linalg.norm(change) / np.linalg.norm(parameters[name])
                          for name, change in changes.items()}
                model.apply_changes(changes)
                update = Update(step, loss, grads, ratios, clipped, tuple(info))
        yield update
        if update.diverged:
            return


class _Supervised:
    """An MLP, a data set and a loss as :func:`descent_steps` takes a model."""

    def __init__(self, net, X, y, loss_fn):
        self.net, self.X, self.y, self.loss_fn = net, X, y, loss_fn

    def loss_and_gradients(self, batch):
        loss, dout = self.loss_fn(self.net.forward(self.X[batch]), self.y[batch])
        if not math.isfinite(loss):
            return loss, None
        self.net.backward(dout)
        return loss, self.net.gradients()

    def parameters(self):
        return self.net.parameters()

    def apply_changes(self, changes):
        self.net.apply_changes(changes)


def training_steps(net, X, y, steps, optimizer, loss_fn=mse_loss, batch_size=None,
                   clip_norm=None, seed=0):
    """Train the MLP ``net`` with :func:`descent_steps`: a generator of :class:`StepRecord`.

    Each step forwards a batch (``batch_size`` examples drawn without replacement, reshuffled
    every pass, from ``seed``; None: all of X), takes ``loss_fn(output, y)`` and its gradient,
    clips (``clip_norm``) and updates; a step whose loss is inf/NaN ends the run, with no
    update. Stop iterating at any time: the network keeps the updates made so far (the live
    figure of notebook 08 stops a run this way).
    """
    steps = whole_number("steps", steps)
    if batch_size is not None:
        batch_size = whole_number("batch_size", batch_size, high=len(X))
    batches = _batches(len(X), batch_size, as_rng(seed))
    weights = [f"W{l + 1}" for l in range(net.depth)]
    for update in descent_steps(_Supervised(net, X, y, loss_fn), batches, steps, optimizer,
                                clip_norm):
        if update.diverged:
            nothing = np.full(net.depth, np.nan)
            yield StepRecord(update.step, update.loss, nothing, nothing.copy(), False)
            return
        with quiet_float_errors():
            grad_norms = np.array([np.linalg.norm(update.grads[name]) for name in weights])
        ratios = np.array([update.update_ratios[name] for name in weights])
        yield StepRecord(update.step, update.loss, grad_norms, ratios, update.clipped)


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
