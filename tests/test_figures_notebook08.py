"""Notebook 08's training dashboard: a control move shows a new network's step 0, Train runs
in the background, Stop ends it and leaves the figure usable, and what it draws is the
session's numbers."""
import asyncio
import threading
import time
import types

import numpy as np
import pytest

from helpers.figures import FIGURES, notebook08
from helpers.figures.notebook08 import (ARCHITECTURES, BENCH_MOVES, INITS, OPTIMIZERS,
                                        RUN_LENGTHS, setup_for, training_dashboard)
from helpers.course.notebook08 import DigitsNetwork


def test_registered_for_the_bench_the_browser_tests_and_the_instructor_view():
    assert FIGURES["08_training_dashboard"] == (training_dashboard, BENCH_MOVES)
    from helpers.dashboard import NOTEBOOK_TITLES

    assert NOTEBOOK_TITLES["08"] == "Diagnose it while it trains"


def test_the_controls_describe_the_network_trained():
    assert setup_for("tanh", "U[−1/√n, 1/√n] (PyTorch's default)", 16, "plain",
                     "SGD, lr 0.1") == DigitsNetwork()
    setup = setup_for("relu", "too large: 3 × LeCun", 8, "batch norm + residual",
                      "Adam, lr 0.001")
    assert (setup.activation, setup.init, setup.weight_scale, setup.depth) == \
        ("relu", "lecun", 3.0, 8)
    assert (setup.normalization, setup.residual, setup.optimizer, setup.lr) == \
        ("batch", True, "adam", 0.001)
    assert len(INITS) == 5 and len(ARCHITECTURES) == 4 and len(OPTIMIZERS) == 4
    assert RUN_LENGTHS[0] == 300  # notebook 08's runs


def test_a_move_shows_step_0_of_the_new_network():
    live = training_dashboard()
    assert live.session.steps_done == 1 and live.progress.value == 1
    live.set(depth=8, init="LeCun: 1/n (χ = 1 for tanh)")
    assert live.session.setup.depth == 8 and live.session.steps_done == 1
    assert live.session.loss[0] == pytest.approx(np.log(10), abs=0.1)
    assert "step 1 of 300" in live.status.value
    # the drawn profile is the session's, on the decades axis
    np.testing.assert_allclose(live.profile_line.get_ydata(),
                               np.log10(live.session.ratio_profile()))
    assert len(live.ratio_lines.get_segments()) == 8


def test_train_draws_the_run_and_can_go_on_after_a_partial_run():
    live = training_dashboard(depth=6, init="LeCun: 1/n (χ = 1 for tanh)")
    live.train(steps=20)
    assert live.session.steps_done == 21 and live.progress.value == 21
    assert len(live.loss_line.get_xdata()) == 21
    live.train()
    assert live.session.finished and live.train_button.disabled
    assert live.session.loss[-1] < live.session.loss[0]
    live.set(depth=5)  # a new network: Train is possible again
    assert not live.train_button.disabled and live.session.steps_done == 1


def test_a_diverging_network_says_so():
    live = training_dashboard(activation="relu", init="too large: 3 × LeCun")
    live.train()
    assert live.session.diverged_at is not None
    assert "diverged" in live.status.value and "diverged" in live.diverged_note.get_text()


def test_train_in_the_background_stop_and_the_figure_stays_usable():
    live = training_dashboard(depth=30, architecture="batch norm")  # slow enough to catch
    image = live.image.value
    live.start()
    assert live.training and live.stop_button.disabled is False
    assert all(control.disabled for control in live.controls.values())
    deadline = time.monotonic() + 30
    while live.session.steps_done < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    live.stop()
    assert not live.training
    stopped_at = live.session.steps_done
    assert 5 <= stopped_at < 300
    assert not any(control.disabled for control in live.controls.values())
    assert live.stop_button.disabled and not live.train_button.disabled
    assert live.image.value != image and live.progress.value == stopped_at
    time.sleep(0.05)
    assert live.session.steps_done == stopped_at  # really stopped
    live.set(depth=4)  # still answers
    assert live.session.setup.depth == 4 and live.session.steps_done == 1


def test_moving_a_control_during_a_run_stops_it_first():
    live = training_dashboard(depth=30, architecture="batch norm")
    live.start()
    first_session = live.session
    live.set(depth=3)
    assert not live.training and live.session is not first_session
    assert live.session.setup.depth == 3


def test_every_bench_move_is_a_valid_setting():
    live = training_dashboard()
    for move in BENCH_MOVES:
        live.set(**move)
    # the fixed parts change only with the run length (the step axes) and with saturated/dead
    assert live.backgrounds_drawn <= 4


def test_the_run_length_sets_the_step_axes_and_the_progress_bar():
    live = training_dashboard(depth=4)
    live.set(run_steps=1000)
    assert live.session.steps == 1000 and live.progress.max == 1000
    assert live.ax_loss.get_xlim()[1] == live.ax_ratio.get_xlim()[1] == 1010
    live.train(steps=100)
    assert live.session.steps_done == 101


def no_threads(monkeypatch):
    """Make the dashboard's threads fail to start, as they do under Pyodide (only its own:
    the test's helpers, and Playwright in the same worker, keep theirs)."""
    class NoThread(threading.Thread):
        def start(self):
            raise RuntimeError("can't start new thread")

    monkeypatch.setattr(notebook08, "threading", types.SimpleNamespace(
        Thread=NoThread, Event=threading.Event, current_thread=threading.current_thread))


def in_a_fresh_thread(function):
    """``function()`` in a thread of the test's own, with no event loop running (a worker that
    also drives Playwright has one running in this thread)."""
    results = []
    helper = threading.Thread(target=lambda: results.append(function()))
    helper.start()
    helper.join(timeout=120)
    assert results, "the helper thread did not finish"
    return results[0]


def test_without_threads_train_runs_here_and_gives_the_controls_back(monkeypatch):
    no_threads(monkeypatch)
    live = training_dashboard(depth=4)
    in_a_fresh_thread(live.start)  # no event loop running: trains to the end, then returns
    assert live.session.finished and not live.training
    assert not any(control.disabled for control in live.controls.values())
    assert live.stop_button.disabled and live.train_button.disabled  # the run is over


def test_without_threads_train_steps_on_the_event_loop_and_stop_gets_through(monkeypatch):
    no_threads(monkeypatch)
    live = training_dashboard(depth=30, architecture="batch norm")

    async def click_train_then_stop():
        live.start()  # a task on this loop, as a button click in the kernel would start it
        assert live.training and all(control.disabled for control in live.controls.values())
        while live.session.steps_done < 15:
            await asyncio.sleep(0)  # the kernel handles other messages between chunks
        live.stop()
        await live._task  # ends at its next chunk
        return live.session.steps_done

    # what the kernel does with a button click, on an event loop of the test's own
    stopped_at = in_a_fresh_thread(lambda: asyncio.run(click_train_then_stop()))
    assert 15 <= stopped_at < 300 and not live.training
    assert not any(control.disabled for control in live.controls.values())
    assert not live.train_button.disabled and live.stop_button.disabled
