"""helpers.models.memory_task: the recall data set, the readout's gradients, and the trainer
(Adam itself: tests/test_optimizers.py)."""

import numpy as np
import pytest

from helpers import numerical_gradient, rel_error
from helpers.models.memory_task import (
    RecallModel,
    make_recall_task,
    train_recall,
)


def test_recall_task_shows_the_label_first_and_distractors_after():
    x, labels = make_recall_task(50, delay=7, n_symbols=3, seed=1)
    assert x.shape == (50, 8, 6) and labels.shape == (50,)
    np.testing.assert_array_equal(x[:, 0, :3].argmax(axis=1), labels)
    assert np.all(x[:, 0, 3:] == 0)  # no distractor at the first step
    assert np.all(x[:, 1:, :3] == 0)  # the symbol channels are silent afterwards
    np.testing.assert_array_equal(x.sum(axis=2), 1.0)  # exactly one channel on per step
    assert set(np.unique(labels)) == {0, 1, 2}
    again, _ = make_recall_task(50, delay=7, n_symbols=3, seed=1)
    np.testing.assert_array_equal(x, again)


@pytest.mark.parametrize("kwargs, message", [
    ({"n_sequences": 0}, "n_sequences must be a whole number >= 1"),
    ({"delay": -1}, "delay must be a whole number >= 0"),
    ({"delay": 2.5}, "delay must be a whole number >= 0"),
    ({"n_symbols": True}, "n_symbols must be a whole number >= 1"),
])
def test_recall_task_rejects_bad_settings(kwargs, message):
    settings = {"n_sequences": 4, "delay": 3, **kwargs}
    with pytest.raises(ValueError, match=message):
        make_recall_task(**settings)


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
def test_model_gradients_match_numerical_for_every_parameter(cell):
    model = RecallModel.create(cell, n_symbols=3, hidden_size=5, spectral_radius=0.9,
                               forget_bias=1.0 if cell == "lstm" else 0.0, seed=2)
    x, labels = make_recall_task(4, delay=3, n_symbols=3, seed=3)
    _, grads, _ = model.loss_and_gradients((x, labels))
    assert set(grads) == {"Wx", "Wh", "b", "Wy", "by"}
    for name, grad in grads.items():
        numeric = numerical_gradient(lambda: np.array(model.loss_and_gradients((x, labels))[0]),
                                     model.params[name], 1.0)
        assert rel_error(grad, numeric) < 1e-7, name


def test_training_is_deterministic_and_learns_a_short_delay():
    first = train_recall("lstm", delay=2, hidden_size=8, steps=60, forget_bias=1.0, seed=7)
    second = train_recall("lstm", delay=2, hidden_size=8, steps=60, forget_bias=1.0, seed=7)
    np.testing.assert_array_equal(first.loss, second.loss)
    assert first.test_accuracy == second.test_accuracy
    assert first.loss[-10:].mean() < 0.5 * first.loss[:10].mean()
    assert first.test_accuracy > 0.9


def test_clipping_bounds_every_update_and_is_counted():
    run = train_recall("rnn", delay=3, hidden_size=8, steps=20, optimizer="sgd", lr=0.5,
                       clip_norm=1e-3, seed=8)
    assert run.clipped_steps == 20  # every gradient is bigger than 1e-3
    unclipped = train_recall("rnn", delay=3, hidden_size=8, steps=20, optimizer="sgd", lr=0.5,
                             clip_norm=None, seed=8)
    assert unclipped.clipped_steps == 0
    # the same first batch and weights: the first loss agrees, later ones differ
    assert run.loss[0] == unclipped.loss[0] and run.loss[-1] != unclipped.loss[-1]


def test_divergence_is_reported_without_warnings():
    """tanh and a stable softmax keep the loss finite for any finite weights, so it takes a
    step size that overflows the weights themselves to diverge."""
    run = train_recall("rnn", delay=3, hidden_size=8, steps=30, optimizer="sgd", lr=1e308,
                       clip_norm=None, spectral_radius=3.0, seed=9)
    assert run.diverged_at is not None
    assert np.all(np.isnan(run.loss[run.diverged_at:]))
    assert np.isnan(run.test_accuracy)


@pytest.mark.parametrize("kwargs, message", [
    ({"cell": "gru"}, "cell must be one of 'rnn', 'lstm', got 'gru'"),
    ({"optimizer": "rmsprop"}, "optimizer must be one of 'adam', 'sgd', got 'rmsprop'"),
    ({"lr": 0.0}, "lr must be a finite number > 0"),
    ({"clip_norm": -1.0}, "clip_norm must be a finite number > 0"),
    ({"steps": 0}, "steps must be a whole number >= 1"),
])
def test_train_recall_rejects_bad_settings(kwargs, message):
    settings = {"cell": "rnn", "delay": 2, "steps": 2, **kwargs}
    with pytest.raises(ValueError, match=message):
        train_recall(**settings)


def test_progress_wraps_the_training_steps():
    seen = []

    def counting(steps):
        for step in steps:
            seen.append(step)
            yield step

    train_recall("rnn", delay=1, hidden_size=4, steps=7, progress=counting)
    assert seen == list(range(7))
