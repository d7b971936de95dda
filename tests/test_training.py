"""helpers.models.network's training loop: step by step, any optimizer, minibatches, the
update-to-data ratio it records, snapshots of the layers, divergence and stopping early."""
import math

import numpy as np
import pytest

from helpers import MLP, train
from helpers.math.layers import mse_loss, softmax_cross_entropy
from helpers.models.data import make_circles
from helpers.models.training import training_steps
from helpers.models.optimizers import SGD, Adam


def small_net(**kwargs):
    return MLP([2, 8, 8, 1], activation="tanh", init="xavier", seed=0, **kwargs)


def test_full_batch_sgd_is_plain_gradient_descent_bit_for_bit():
    """The loop notebooks 02-06 have always used: W <- W - lr dL/dW on the whole data set."""
    X, y = make_circles(40, seed=0)
    net, by_hand = small_net(), small_net()
    history = train(net, X, y, steps=5, lr=0.1)
    for step in range(5):
        loss, dout = mse_loss(by_hand.forward(X), y)
        assert history.loss[step] == loss
        grads = by_hand.backward(dout)
        by_hand.weights = [W - 0.1 * dW for W, dW in zip(by_hand.weights, grads["weights"])]
        by_hand.biases = [b - 0.1 * db for b, db in zip(by_hand.biases, grads["biases"])]
    for W, W_by_hand in zip(net.weights, by_hand.weights):
        np.testing.assert_array_equal(W, W_by_hand)


def test_update_ratio_is_the_size_of_the_change_over_the_size_of_the_weights():
    X, y = make_circles(40, seed=0)
    net = small_net()
    weights_before = [W.copy() for W in net.weights]
    record = next(training_steps(net, X, y, steps=1, optimizer=SGD(0.3)))
    for l, (before, after) in enumerate(zip(weights_before, net.weights)):
        expected = np.linalg.norm(after - before) / np.linalg.norm(before)
        assert record.update_ratios[l] == pytest.approx(expected, rel=1e-12)
        # for SGD that is lr ||dL/dW|| / ||W||
        assert record.update_ratios[l] == pytest.approx(
            0.3 * record.grad_norms[l] / np.linalg.norm(before), rel=1e-12)


def test_adam_moves_every_layer_by_about_lr_per_entry():
    """Adam's first step is lr * sign(g) per entry, so ||ΔW|| = lr sqrt(n_in n_out) in every
    layer, whatever its gradient's size."""
    X, y = make_circles(40, seed=0)
    net = small_net()
    norms = [np.linalg.norm(W) for W in net.weights]
    record = next(training_steps(net, X, y, steps=1, optimizer=Adam(1e-3)))
    for l, W in enumerate(net.weights):
        assert record.update_ratios[l] == pytest.approx(1e-3 * math.sqrt(W.size) / norms[l],
                                                        rel=1e-3)


def test_minibatches_visit_every_example_once_per_pass_and_follow_the_seed():
    seen = []

    def loss_fn(output, target):
        seen.append(target[:, 0].copy())
        return mse_loss(output, np.zeros_like(output))

    X = np.zeros((10, 2))
    y = np.arange(10.0)[:, None]
    list(training_steps(small_net(), X, y, steps=6, optimizer=SGD(0.1), loss_fn=loss_fn,
                        batch_size=3, seed=4))
    # 10 examples, batches of 3: three batches a pass (the leftover one waits), then reshuffle
    assert all(len(batch) == 3 for batch in seen)
    assert len(set(np.concatenate(seen[:3]))) == 9 and len(set(np.concatenate(seen[3:]))) == 9
    again = []
    list(training_steps(small_net(), X, y, steps=6, optimizer=SGD(0.1),
                        loss_fn=lambda o, t: (again.append(t[:, 0].copy()),
                                              mse_loss(o, np.zeros_like(o)))[1],
                        batch_size=3, seed=4))
    np.testing.assert_array_equal(np.concatenate(seen), np.concatenate(again))
    with pytest.raises(ValueError, match="batch_size"):
        next(training_steps(small_net(), X, y, steps=1, optimizer=SGD(0.1), batch_size=11))


def test_stopping_early_keeps_the_updates_made_so_far():
    X, y = make_circles(40, seed=0)
    net, reference = small_net(), small_net()
    for record in training_steps(net, X, y, steps=100, optimizer=SGD(0.1)):
        if record.step == 2:
            break
    train(reference, X, y, steps=3, lr=0.1)
    for W, W_reference in zip(net.weights, reference.weights):
        np.testing.assert_array_equal(W, W_reference)


def test_a_diverging_run_reports_its_step_and_stops_updating():
    X, y = make_circles(40, seed=0)
    net = MLP([2, 16, 16, 16, 1], activation="linear", init="xavier", weight_scale=3.0, seed=0)
    history = train(net, X, y, steps=20, lr=0.5)
    assert history.diverged_at is not None and history.diverged_at < 20
    assert np.all(np.isnan(history.loss[history.diverged_at:]))
    assert np.all(np.isnan(history.update_ratios[history.diverged_at:]))
    assert np.all(np.isfinite(history.update_ratios[:history.diverged_at]))


def test_snapshots_hold_the_hidden_layers_of_the_steps_asked_for():
    X, y = make_circles(40, seed=0)
    net = MLP([2, 8, 8, 8, 1], activation="tanh", seed=0)
    history = train(net, X, y, steps=10, lr=0.1, snapshot_steps=(0, 9), batch_size=16)
    assert sorted(history.snapshots) == [0, 9]
    snapshot = history.snapshots[9]
    assert snapshot.step == 9 and len(snapshot.activations) == 3
    assert [a.shape for a in snapshot.activation_grads] == [(16, 8)] * 3
    assert snapshot.stats.saturated_pct.shape == (4,)
    with pytest.raises(ValueError, match="snapshot_steps"):
        train(net, X, y, steps=2, snapshot_steps=(-1,))


def test_classification_with_softmax_cross_entropy_and_batch_norm():
    rng = np.random.default_rng(0)
    centers = rng.normal(scale=3.0, size=(3, 4))
    labels = rng.integers(0, 3, size=90)
    X = centers[labels] + rng.normal(size=(90, 4))
    net = MLP([4, 16, 16, 3], activation="tanh", init="lecun", seed=0, normalization="batch")
    history = train(net, X, labels, steps=60, loss_fn=softmax_cross_entropy,
                    optimizer=Adam(0.01), batch_size=30, seed=1)
    assert history.diverged_at is None
    assert history.loss[-5:].mean() < 0.3 * history.loss[0]
    predicted = net.forward(X, training=False).argmax(axis=1)
    assert np.mean(predicted == labels) > 0.9
    assert set(net.parameters()) >= {"gamma1", "beta2"}


def test_clipping_is_counted_and_bounds_the_step():
    X, y = make_circles(40, seed=0)
    net = small_net()
    history = train(net, X, y, steps=5, lr=0.1, clip_norm=1e-3)
    assert history.clipped_steps == 5
    # the global norm of every change is lr * clip_norm at most
    assert np.all(history.update_ratios[0] * np.array(
        [np.linalg.norm(W) for W in small_net().weights]) <= 0.1 * 1e-3 * (1 + 1e-12))


def test_the_recall_task_diverges_as_the_mlp_does():
    """One loop, one meaning: a run ends at the first step whose loss is not finite (the
    weights overflowed on the step before, whose loss was still finite)."""
    from helpers.models.memory_task import train_recall

    run = train_recall("rnn", delay=3, hidden_size=8, steps=30, optimizer="sgd", lr=1e308,
                       clip_norm=None, spectral_radius=3.0, seed=9)
    assert run.diverged_at is not None and run.diverged_at > 0
    assert np.isfinite(run.loss[run.diverged_at - 1])
    assert np.all(np.isnan(run.loss[run.diverged_at:]))
