"""A small memory task for recurrent networks: name the first symbol after a delay.

Each sequence has T = delay + 1 steps and 2K input channels. At step 1 one of K symbols is
shown (one-hot on channels 0..K-1); each of the ``delay`` steps after it shows a random
distractor (one-hot on channels K..2K-1). After the last step a linear readout of h_T must
name the first symbol: K classes, softmax cross-entropy, chance accuracy 1/K.

The only way to learn it is a gradient from step T back to step 1, through ``delay`` steps of
the recurrence. That is exactly the path that vanishes in a vanilla RNN and survives in an
LSTM whose forget gate stays near 1.

The trainer is the course's one training loop (helpers.models.training.descent_steps): Adam
or SGD, gradient clipping by global norm, a fresh batch from a seeded generator every step,
float64, so a run is the same bit for bit.
"""
import math
from dataclasses import dataclass

import numpy as np

from ..math.checks import as_rng, choice, positive_number, quiet_float_errors, whole_number
from ..math.initializers import initialize
from ..math.layers import softmax_cross_entropy
from ..math.statistics import global_norm
from .optimizers import make_optimizer
from .rnn import BACKWARD, CELLS, FORWARD, init_recurrent_weights
from .training import descent_steps


def make_recall_task(n_sequences, delay, n_symbols=4, seed=0):
    """x (N, delay + 1, 2K) one-hot inputs and labels (N,) in 0..K-1, the first symbol."""
    N = whole_number("n_sequences", n_sequences)
    K = whole_number("n_symbols", n_symbols)
    delay = whole_number("delay", delay, low=0)
    rng = as_rng(seed)
    labels = rng.integers(0, K, size=N)
    distractors = rng.integers(0, K, size=(N, delay))
    x = np.zeros((N, delay + 1, 2 * K))
    x[np.arange(N), 0, labels] = 1.0
    steps = np.arange(1, delay + 1)
    x[np.arange(N)[:, None], steps[None, :], K + distractors] = 1.0
    return x, labels


@dataclass
class RecallModel:
    """A recurrent cell followed by a linear readout of the last state: logits = h_T @ Wy + by."""

    cell: str
    params: dict  # "Wx", "Wh", "b" (the cell), "Wy" (H, K), "by" (K,)

    @classmethod
    def create(cls, cell, n_symbols, hidden_size, spectral_radius=1.0, forget_bias=0.0,
               input_scale=1.0, seed=0):
        choice("cell", cell, CELLS)
        K = whole_number("n_symbols", n_symbols)
        H = whole_number("hidden_size", hidden_size)
        Wx, Wh, b = init_recurrent_weights(cell, 2 * K, H, spectral_radius, input_scale,
                                           forget_bias=forget_bias, seed=seed)
        readout = initialize("lecun", (H, K), np.random.default_rng([seed, 1]))
        return cls(cell, {"Wx": Wx, "Wh": Wh, "b": b, "Wy": readout, "by": np.zeros(K)})

    @property
    def hidden_size(self):
        return self.params["Wh"].shape[0]

    def logits(self, x):
        """x (N, T, 2K) -> logits (N, K)."""
        return self._forward(x)[0]

    def _forward(self, x):
        p = self.params
        h0 = np.zeros((len(x), self.hidden_size))
        h, cache = FORWARD[self.cell](x, h0, p["Wx"], p["Wh"], p["b"])
        return h[:, -1] @ p["Wy"] + p["by"], (h, cache)

    def loss_and_gradients(self, batch):
        """Cross-entropy on the batch (x, labels), its gradient for every parameter (None when
        the loss is not finite), and the batch accuracy."""
        x, labels = batch
        logits, (h, cache) = self._forward(x)
        loss, dlogits = softmax_cross_entropy(logits, labels)
        accuracy = float(np.mean(logits.argmax(axis=1) == labels))
        if not math.isfinite(loss):
            return loss, None, accuracy  # diverged: there is no gradient to take
        dh = np.zeros_like(h)
        dh[:, -1] = dlogits @ self.params["Wy"].T  # the loss reads only the last step
        _, _, dWx, dWh, db = BACKWARD[self.cell](dh, cache)
        grads = {"Wx": dWx, "Wh": dWh, "b": db, "Wy": h[:, -1].T @ dlogits,
                 "by": dlogits.sum(axis=0)}
        return loss, grads, accuracy

    def parameters(self):
        return self.params

    def apply_changes(self, changes):
        """Add {name: change} to the parameters (each becomes a new array)."""
        for name, change in changes.items():
            self.params[name] = self.params[name] + change

    def accuracy(self, x, labels):
        return float(np.mean(self.logits(x).argmax(axis=1) == labels))


@dataclass
class RecallRun:
    """One training run on the recall task.

    loss, batch_accuracy, grad_norm: (steps,) per step, before the update (NaN after a
        divergence); grad_norm is the global norm before clipping.
    test_accuracy: on a held-out set drawn with another seed, after training.
    clipped_steps: how many steps clipping rescaled; diverged_at: first non-finite loss or None.
    """

    model: RecallModel
    delay: int
    loss: np.ndarray
    batch_accuracy: np.ndarray
    grad_norm: np.ndarray
    test_accuracy: float
    clipped_steps: int
    diverged_at: int | None


def train_recall(cell, delay, n_symbols=4, hidden_size=32, steps=300, batch_size=32,
                 optimizer="adam", lr=0.01, clip_norm=1.0, spectral_radius=1.0,
                 forget_bias=0.0, input_scale=1.0, n_test=256, seed=0, progress=None):
    """Train ``cell`` on the recall task with ``delay``; returns a :class:`RecallRun`.

    ``optimizer`` is "adam" or "sgd" (plain gradient descent); ``clip_norm`` None turns
    clipping off. ``progress`` optionally wraps the step range (e.g. helpers.live.widgets.progress).
    """
    steps = whole_number("steps", steps)
    batch_size = whole_number("batch_size", batch_size)
    lr = positive_number("lr", lr)
    if clip_norm is not None:
        clip_norm = positive_number("clip_norm", clip_norm)
    optimizer = make_optimizer(optimizer, lr)
    model = RecallModel.create(cell, n_symbols, hidden_size, spectral_radius, forget_bias,
                               input_scale, seed)
    data_rng = np.random.default_rng([seed, 2])
    batches = (make_recall_task(batch_size, delay, n_symbols, seed=data_rng) for _ in range(steps))
    updates = descent_steps(model, batches, steps, optimizer, clip_norm)
    losses, accuracies, norms = (np.full(steps, np.nan) for _ in range(3))
    clipped_steps, diverged_at = 0, None
    step_range = range(steps) if progress is None else progress(range(steps))
    for step in step_range:  # the progress bar counts every step, also after a divergence
        update = next(updates, None)
        if update is None:
            continue
        if update.diverged:
            diverged_at = step
            continue
        losses[step], accuracies[step] = update.loss, update.info[0]
        with quiet_float_errors():
            norms[step] = global_norm(update.grads.values())
        clipped_steps += update.clipped
    x_test, labels_test = make_recall_task(n_test, delay, n_symbols, seed=[seed, 3])
    with quiet_float_errors():
        test_accuracy = model.accuracy(x_test, labels_test) if diverged_at is None else float("nan")
    return RecallRun(model, delay, losses, accuracies, norms, test_accuracy, clipped_steps,
                     diverged_at)
