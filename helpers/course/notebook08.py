"""Notebook 08, diagnose it while it trains: a deep MLP classifying the handwritten digits.

A :class:`DigitsNetwork` says how a network is built and trained (depth, width, activation,
init, batch norm, skips, optimizer, learning rate); :func:`train_digits` trains one with
minibatches of the standardized training images and softmax cross-entropy, records per step
the loss, every layer's gradient norm and update-to-data ratio, and evaluates on the test
images (batch norm with its running statistics). The numbers are the same on every run: the
seed draws the weights and the order of the minibatches.
"""
import dataclasses
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..math.checks import choice, positive_number, quiet_float_errors, whole_number
from ..math.layers import softmax_cross_entropy
from ..math.statistics import scale_safe
from ..models.data import N_CLASSES, N_PIXELS, class_accuracy, digits_split
from ..models.network import MLP, MLP_NORMALIZATIONS
from ..models.optimizers import OPTIMIZER_NAMES, make_optimizer
from ..models.training import train, training_steps

STEPS = 300  # about 13 passes over the 1,500 training images in minibatches of 64
FINAL_STEPS = 20  # the "final loss" is the mean over this many last steps (one batch is noisy)


@dataclass(frozen=True)
class DigitsNetwork:
    """How to build and train one network on the digits (frozen: use :meth:`but`).

    depth L weight layers: 64 inputs -> (L - 1) hidden layers of ``width`` -> 10 logits.
    init, weight_scale: the scheme of helpers.math.initializers, times weight_scale.
    hidden_bias: every hidden layer's bias starts at this value (0: the usual start).
    normalization: "none" or "batch" (batch norm before g in every hidden layer).
    residual: skips around the hidden layers, branches scaled by 1/sqrt(L) (notebook 06).
    optimizer ("sgd" or "adam"), lr, batch_size, clip_norm (None: no clipping).
    """

    depth: int = 16
    width: int = 32
    activation: str = "tanh"
    init: str = "classic_uniform"
    weight_scale: float = 1.0
    hidden_bias: float = 0.0
    normalization: str = "none"
    residual: bool = False
    optimizer: str = "sgd"
    lr: float = 0.1
    batch_size: int = 64
    clip_norm: float | None = None

    def __post_init__(self):
        whole_number("depth", self.depth, low=2)
        whole_number("width", self.width)
        choice("normalization", self.normalization, MLP_NORMALIZATIONS)
        choice("optimizer", self.optimizer, OPTIMIZER_NAMES)
        positive_number("lr", self.lr)
        whole_number("batch_size", self.batch_size)
        if not math.isfinite(self.hidden_bias):
            raise ValueError(f"hidden_bias must be a finite number, got {self.hidden_bias!r}")
        if self.clip_norm is not None:
            positive_number("clip_norm", self.clip_norm)

    def but(self, **changes):
        """A copy with some settings changed: ``patient.but(weight_scale=3 ** 0.5)``."""
        return dataclasses.replace(self, **changes)


@lru_cache(maxsize=1)
def course_split():
    """The split every run of notebook 08 uses: 1,500 training and 297 test images (seed 0),
    read-only so that no run can change another's data."""
    split = digits_split()
    for array in (split.X_train, split.y_train, split.X_test, split.y_test):
        array.setflags(write=False)
    return split


def digits_network(setup, seed=0):
    """The :class:`~helpers.models.network.MLP` that ``setup`` describes, weights from ``seed``."""
    sizes = [N_PIXELS] + [setup.width] * (setup.depth - 1) + [N_CLASSES]
    net = MLP(sizes, activation=setup.activation, init=setup.init,
              weight_scale=setup.weight_scale, residual=setup.residual,
              branch_scale=1.0 / math.sqrt(setup.depth), seed=seed,
              normalization=setup.normalization)
    for bias in net.biases[:-1]:
        bias[:] = setup.hidden_bias
    return net


@dataclass
class DigitsRun:
    """One network trained on the digits.

    history: the :class:`~helpers.models.network.TrainingHistory` (loss, grad_norms,
    update_ratios, snapshots, diverged_at per step). test_loss, test_accuracy: on the 297 test
    images after training, in test mode (NaN if the run diverged). net: the trained network.
    """

    setup: DigitsNetwork
    seed: int
    net: MLP
    history: object
    test_loss: float
    test_accuracy: float

    @property
    def diverged(self):
        return self.history.diverged_at is not None

    @property
    def final_loss(self):
        """The mean training loss of the last FINAL_STEPS steps (inf if the run diverged)."""
        if self.diverged:
            return math.inf
        return float(np.mean(self.history.loss[-FINAL_STEPS:]))

    def ratio_median(self, first=0, last=None):
        """Per layer, the median update-to-data ratio over steps first..last-1."""
        with quiet_float_errors():
            return np.nanmedian(self.history.update_ratios[first:last], axis=0)


def train_digits(setup, steps=STEPS, seed=0, snapshot_steps=(), optimizer=None):
    """Train the network ``setup`` describes for ``steps`` minibatch steps: a :class:`DigitsRun`.

    ``optimizer`` (an object of helpers.models.optimizers) overrides the setup's own.
    """
    split = course_split()
    net = digits_network(setup, seed)
    optimizer = optimizer or make_optimizer(setup.optimizer, setup.lr)
    history = train(net, split.X_train, split.y_train, steps=steps, optimizer=optimizer,
                    loss_fn=softmax_cross_entropy, batch_size=setup.batch_size,
                    clip_norm=setup.clip_norm, seed=[seed, 1], snapshot_steps=snapshot_steps)
    test_loss = test_accuracy = math.nan
    if history.diverged_at is None:
        with quiet_float_errors():
            logits = net.forward(split.X_test, training=False)
        test_loss, _ = softmax_cross_entropy(logits, split.y_test)
        test_accuracy = class_accuracy(logits, split.y_test)
    return DigitsRun(setup, seed, net, history, test_loss, test_accuracy)


def initial_loss(setup, seed=0):
    """(loss, std of the logits) of the untrained network on all training images."""
    split = course_split()
    net = digits_network(setup, seed)
    with quiet_float_errors():
        logits = net.forward(split.X_train)
        loss, _ = softmax_cross_entropy(logits, split.y_train)
        return loss, float(scale_safe(np.std, logits))


def input_spread(net, X):
    """Per hidden layer l = 1..L-1: how much the examples still differ there, the std over the
    examples of each unit of a^[l], averaged over the units (from ``net``'s forward of X)."""
    with quiet_float_errors():
        net.forward(X)
        return np.array([float(np.mean(scale_safe(np.std, a, axis=0)))
                         for a in net.activations[1:-1]])


class TrainingSession:
    """A network on the digits, trained a few steps at a time (what notebook 08's live figure
    shows while it trains). Step 0 is taken at once, so its loss and update ratios exist.

    loss (steps,) and update_ratios (steps, L) fill in as the steps are taken (NaN before);
    ``steps_done`` counts them; ``diverged_at`` is the step whose loss was inf/NaN, or None.
    """

    def __init__(self, setup, steps=STEPS, seed=0):
        self.setup = setup
        self.steps = whole_number("steps", steps)
        split = course_split()
        self.net = digits_network(setup, seed)
        self._records = training_steps(
            self.net, split.X_train, split.y_train, self.steps,
            make_optimizer(setup.optimizer, setup.lr), loss_fn=softmax_cross_entropy,
            batch_size=setup.batch_size, clip_norm=setup.clip_norm, seed=[seed, 1])
        self.loss = np.full(self.steps, np.nan)
        self.update_ratios = np.full((self.steps, setup.depth), np.nan)
        self.steps_done = 0
        self.diverged_at = None
        self.advance(1)

    @property
    def finished(self):
        return self.steps_done == self.steps or self.diverged_at is not None

    def advance(self, count):
        """Take up to ``count`` more steps (fewer at the end or at a divergence); returns how
        many were taken."""
        taken = 0
        while taken < count and not self.finished:
            record = next(self._records)
            self.steps_done = record.step + 1
            taken += 1
            if not math.isfinite(record.loss):
                self.diverged_at = record.step
                break
            self.loss[record.step] = record.loss
            self.update_ratios[record.step] = record.update_ratios
        return taken

    def layer_stats(self):
        """:class:`~helpers.models.network.LayerStats` of the last step's batch."""
        return self.net.layer_stats()

    def ratio_profile(self, window=FINAL_STEPS):
        """Per layer, the median update-to-data ratio of the last ``window`` steps taken."""
        recent = self.update_ratios[max(0, self.steps_done - window):self.steps_done]
        with quiet_float_errors():
            return np.nanmedian(recent, axis=0) if np.any(np.isfinite(recent)) else \
                np.full(self.setup.depth, np.nan)
