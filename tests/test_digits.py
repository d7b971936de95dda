"""helpers.course.notebook08: notebook 08's networks on the handwritten digits, built as described,
trained the same way on every run, evaluated in test mode; the step-by-step session."""
import math

import numpy as np
import pytest

from helpers.course.notebook08 import (FINAL_STEPS, DigitsNetwork, TrainingSession, course_split,
                                      digits_network, initial_loss, input_spread, train_digits)


def test_the_default_network_is_notebook_08s_patient():
    setup = DigitsNetwork()
    net = digits_network(setup, seed=0)
    assert net.sizes == [64] + [32] * 15 + [10]
    assert net.activation == "tanh" and net.init == "classic_uniform"
    # U[-1/sqrt(n), 1/sqrt(n)]: variance 1/(3n), so sigma_w^2 = n Var(W) = 1/3
    assert np.max(np.abs(net.weights[1])) <= 1 / math.sqrt(32)
    assert 32 * net.weights[1].var() == pytest.approx(1 / 3, rel=0.15)
    assert (setup.optimizer, setup.lr, setup.batch_size) == ("sgd", 0.1, 64)


def test_build_network_follows_every_setting():
    setup = DigitsNetwork(depth=6, width=8, activation="relu", init="he", weight_scale=1.5,
                          hidden_bias=-0.5, normalization="batch", residual=True)
    net = digits_network(setup, seed=3)
    assert all(np.all(b == -0.5) for b in net.biases[:-1]) and np.all(net.biases[-1] == 0)
    assert net.residual == [False, True, True, True, True, False]
    assert net.branch_scale == pytest.approx(1 / math.sqrt(6))
    assert net.gammas[0] is not None and net.gammas[-1] is None
    reference = digits_network(setup.but(hidden_bias=0.0, normalization="none"), seed=3)
    np.testing.assert_array_equal(net.weights[2], reference.weights[2])  # same draw


@pytest.mark.parametrize("changes, phrase", [
    ({"depth": 1}, "depth"), ({"width": 0}, "width"), ({"normalization": "layer"}, "normalization"),
    ({"optimizer": "rmsprop"}, "optimizer"), ({"lr": 0.0}, "lr"), ({"batch_size": 0}, "batch_size"),
    ({"hidden_bias": math.nan}, "hidden_bias"), ({"clip_norm": -1.0}, "clip_norm"),
])
def test_bad_settings_are_named(changes, phrase):
    with pytest.raises(ValueError, match=phrase):
        DigitsNetwork(**changes)


def test_the_split_is_the_same_every_time_and_read_only():
    split, again = course_split(), course_split()
    assert split.X_train.shape == (1500, 64)
    np.testing.assert_array_equal(split.X_train, again.X_train)
    np.testing.assert_array_equal(split.y_test, again.y_test)
    with pytest.raises(ValueError):
        split.X_train[0, 0] = 1.0


def test_a_run_is_the_same_every_time_and_evaluated_in_test_mode():
    setup = DigitsNetwork(depth=4, width=16, normalization="batch", init="lecun")
    first = train_digits(setup, steps=30, seed=2, snapshot_steps=(0, 29))
    second = train_digits(setup, steps=30, seed=2)
    np.testing.assert_array_equal(first.history.loss, second.history.loss)
    np.testing.assert_array_equal(first.history.update_ratios, second.history.update_ratios)
    assert first.final_loss == pytest.approx(np.mean(first.history.loss[-FINAL_STEPS:]))
    assert sorted(first.history.snapshots) == [0, 29]
    split = course_split()
    logits = first.net.forward(split.X_test, training=False)
    assert first.test_accuracy == pytest.approx(np.mean(logits.argmax(axis=1) == split.y_test))
    assert 0.5 < first.test_accuracy <= 1 and first.test_loss > 0
    np.testing.assert_allclose(first.ratio_median(0, 10),
                               np.median(first.history.update_ratios[:10], axis=0))
    other_seed = train_digits(setup, steps=30, seed=3)
    assert not np.array_equal(first.history.loss, other_seed.history.loss)


def test_a_diverged_run_has_no_test_numbers():
    run = train_digits(DigitsNetwork(activation="relu", init="he", weight_scale=1.5,
                                     lr=0.03), steps=20)
    assert run.diverged and run.final_loss == math.inf
    assert math.isnan(run.test_accuracy) and math.isnan(run.test_loss)


def test_initial_loss_is_ln_10_for_a_network_that_prefers_no_class():
    loss, logit_std = initial_loss(DigitsNetwork())  # the signal dies: logits ~ 1e-4
    assert loss == pytest.approx(math.log(10), abs=1e-3) and logit_std < 1e-3
    loss, logit_std = initial_loss(DigitsNetwork(init="lecun", weight_scale=3.0))
    assert loss > 4 and logit_std > 1


def test_input_spread_shrinks_layer_by_layer_in_the_patient():
    split = course_split()
    spread = input_spread(digits_network(DigitsNetwork()), split.X_train[:256])
    assert spread.shape == (15,)
    per_layer = (spread[-1] / spread[0]) ** (1 / 14)
    assert per_layer == pytest.approx(1 / math.sqrt(3), rel=0.1)  # sigma_w = sqrt(1/3)


def test_a_session_trains_in_pieces_like_a_whole_run():
    setup = DigitsNetwork(depth=5, width=16, init="lecun")
    session = TrainingSession(setup, steps=40, seed=1)
    assert session.steps_done == 1 and not np.isnan(session.loss[0])
    assert session.advance(10) == 10 and session.steps_done == 11
    while not session.finished:
        session.advance(7)
    assert session.steps_done == 40 and session.advance(5) == 0
    whole = train_digits(setup, steps=40, seed=1)
    np.testing.assert_array_equal(session.loss, whole.history.loss)
    np.testing.assert_array_equal(session.update_ratios, whole.history.update_ratios)
    np.testing.assert_allclose(session.ratio_profile(),
                               np.median(whole.history.update_ratios[-20:], axis=0))
    assert session.layer_stats().act_std.shape == (5,)


def test_a_session_stops_at_a_divergence():
    session = TrainingSession(DigitsNetwork(activation="relu", init="he",
                                            weight_scale=1.5, lr=0.03), steps=50)
    session.advance(50)
    assert session.finished and session.diverged_at is not None
    assert session.steps_done == session.diverged_at + 1 < 50
    assert np.isnan(session.loss[session.diverged_at])
