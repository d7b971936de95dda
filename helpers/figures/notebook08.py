"""Notebook 08: a training dashboard — pick a network, train it, watch the diagnostics move.

Four panels, redrawn while the network trains: the training loss per step; every layer's
update-to-data ratio ||ΔW^[l]|| / ||W^[l]|| per step; the same ratios across the layers now
(the median of the last 20 steps: level, or spread over decades?); and per layer the % of
saturated (tanh, sigmoid) or dead (ReLU) units on the latest batch.

Moving a control builds the new network and takes its first step (the loss and ratios of
step 0 show at once). **Train** runs the rest of the run (300, 1,000 or 3,000 steps) in a
background thread, with about 30 pictures along the way, so the page stays live and **Stop**
ends the run where it is; the controls wait while it trains. Where no thread can start
(Pyodide, some sandboxes), it steps on the kernel's event loop instead, a chunk at a time, so
Stop still gets through between chunks, and the controls come back either way.
What is drawn is computed by :class:`helpers.models.digits.TrainingSession`.
"""
import asyncio
import contextlib
import threading
import time

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.ticker import MaxNLocator

from ..drawing import place_axis_labels, power_of_ten_axis, safe_log10
from ..live.blitting import BlitLiveFigure, axes_limits
from ..live.widgets import activation_dropdown, choice_dropdown, depth_slider, new_figure
from ..math.activations import get_activation
from ..palette import OKABE_ITO, REFERENCE_GREY, TEXT_GREY
from ..models.digits import STEPS, DigitsNetwork, TrainingSession

MAX_DEPTH = 30
RULE_OF_THUMB = 1e-3  # the update-to-data ratio Karpathy suggests aiming for
FRAMES_PER_RUN = 30  # while training, a new picture every 1/30 of the run ...
MIN_FRAME_SECONDS = 0.05  # ... but not more often than this
RUN_LENGTHS = (STEPS, 1000, 3000)  # steps per run: 300 is notebook 08's; longer ones to watch
# name shown -> (init scheme, weight scale)
INITS = {
    "U[−1/√n, 1/√n] (PyTorch's default)": ("classic_uniform", 1.0),
    "LeCun: 1/n (χ = 1 for tanh)": ("lecun", 1.0),
    "He: 2/n (χ = 1 for ReLU)": ("he", 1.0),
    "Xavier: 2/(n_in + n_out)": ("xavier", 1.0),
    "too large: 3 × LeCun": ("lecun", 3.0),
}
# name shown -> (normalization, residual)
ARCHITECTURES = {
    "plain": ("none", False),
    "batch norm": ("batch", False),
    "residual (branches × 1/√L)": ("none", True),
    "batch norm + residual": ("batch", True),
}
# name shown -> (optimizer, learning rate)
OPTIMIZERS = {
    "SGD, lr 0.1": ("sgd", 0.1),
    "SGD, lr 0.01": ("sgd", 0.01),
    "SGD, lr 0.001": ("sgd", 0.001),
    "Adam, lr 0.001": ("adam", 0.001),
}
LOSS_DECADES = (-2.5, 3.0)  # the loss axis: 3e-3 ... 1e3
RATIO_DECADES = (-9.0, 0.5)  # the ratio axes: 1e-9 ... 3
STD_DECADES = (-6.0, 1.0)  # the std of the activations: 1e-6 ... 10


def setup_for(activation, init, depth, architecture, optimizer):
    """The :class:`DigitsNetwork` the controls describe."""
    scheme, weight_scale = INITS[init]
    normalization, residual = ARCHITECTURES[architecture]
    name, lr = OPTIMIZERS[optimizer]
    return DigitsNetwork(depth=depth, activation=activation, init=scheme,
                         weight_scale=weight_scale, normalization=normalization,
                         residual=residual, optimizer=name, lr=lr)


def layer_colours(depth):
    """One colour per layer, dark (input side) to yellow (output side)."""
    return matplotlib.colormaps["viridis"](np.linspace(0.0, 0.9, depth))


def _decades(value):
    return f"1e{np.log10(value):.1f}" if np.isfinite(value) and value > 0 else \
        ("0" if value == 0 else "–")


class TrainingDashboard(BlitLiveFigure):
    """The live figure: controls, Train and Stop buttons, a progress bar and four panels."""

    def __init__(self, activation="tanh", init="U[−1/√n, 1/√n] (PyTorch's default)", depth=16,
                 architecture="plain", optimizer="SGD, lr 0.1", run_steps=STEPS):
        self.session = None
        self._thread = None
        self._task = None  # training on the event loop where no thread can start
        self._stop = threading.Event()
        fig, axes = new_figure(8.4, 5.4, nrows=2, ncols=2)
        (self.ax_loss, self.ax_ratio), (self.ax_profile, self.ax_units) = axes
        self._build_panels()
        controls = {
            "activation": activation_dropdown(get_activation(activation).name,
                                              options=("tanh", "sigmoid", "relu", "leaky_relu")),
            "init": choice_dropdown(INITS, init, "init"),
            "depth": depth_slider(depth, min=2, max=MAX_DEPTH),
            "architecture": choice_dropdown(ARCHITECTURES, architecture, "network"),
            "optimizer": choice_dropdown(OPTIMIZERS, optimizer, "optimizer"),
            "run_steps": choice_dropdown(RUN_LENGTHS, run_steps, "steps"),
        }
        moving = [self.loss_line, self.diverged_note, self.ratio_lines, self.profile_line,
                  self.profile_points, self.units_line, self.std_line, self.step_note]
        # the units panel's title says saturated or dead: a fixed part that changes with g
        super().__init__(fig, self._show_new_network, controls, moving, columns=3,
                         background_key=lambda: (axes_limits(fig), self.ax_units.get_title()))
        self.train_button = widgets.Button(description="Train", button_style="success",
                                           icon="play", tooltip="train the remaining steps")
        self.stop_button = widgets.Button(description="Stop", icon="stop", disabled=True)
        self.progress = widgets.IntProgress(value=1, min=0, max=run_steps, description="step",
                                            style={"description_width": "initial"})
        self.train_button.on_click(lambda _: self.start())
        self.stop_button.on_click(lambda _: self.stop())
        *control_rows, status, image = self.widget.children
        buttons = widgets.HBox([self.train_button, self.stop_button, self.progress])
        self.widget.children = (*control_rows, buttons, status, image)

    # ----- drawing ---------------------------------------------------------------------------

    def _build_panels(self):
        ax = self.ax_loss
        (self.loss_line,) = ax.plot([], [], color=OKABE_ITO["blue"], linewidth=1.2)
        ax.axhline(np.log10(np.log(10)), color=REFERENCE_GREY, linestyle="--", linewidth=1,
                   zorder=1)
        ax.text(0.99, np.log10(np.log(10)), "ln 10 ", ha="right", va="bottom", color=TEXT_GREY,
                fontsize=9, transform=ax.get_yaxis_transform())
        self.diverged_note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center",
                                     color=OKABE_ITO["vermillion"], fontsize=11)
        self.step_note = ax.text(0.98, 0.95, "", transform=ax.transAxes, ha="right", va="top",
                                 fontsize=9)
        ax.set(ylim=LOSS_DECADES, xlabel="step", ylabel="training loss")
        power_of_ten_axis(ax.yaxis, max_ticks=5)
        ax.set_title("loss on each batch", fontsize=10)

        ax = self.ax_ratio
        self.ratio_lines = LineCollection([], linewidths=1.0)
        ax.add_collection(self.ratio_lines)
        ax.axhline(np.log10(RULE_OF_THUMB), color=REFERENCE_GREY, linestyle="--", linewidth=1,
                   zorder=1)
        ax.set(ylim=RATIO_DECADES, xlabel="step", ylabel="‖ΔW‖ / ‖W‖")
        power_of_ten_axis(ax.yaxis, max_ticks=6)
        ax.set_title("update-to-data ratio, one line per layer", fontsize=10)

        ax = self.ax_profile
        (self.profile_line,) = ax.plot([], [], color=OKABE_ITO["reddish purple"], linewidth=1.5)
        self.profile_points = ax.scatter([], [], s=18, zorder=3)
        ax.axhline(np.log10(RULE_OF_THUMB), color=REFERENCE_GREY, linestyle="--", linewidth=1,
                   zorder=1)
        ax.text(MAX_DEPTH, np.log10(RULE_OF_THUMB), "1e-3 ", ha="right", va="bottom",
                color=TEXT_GREY, fontsize=9)
        ax.set(xlim=(0.5, MAX_DEPTH + 0.5), ylim=RATIO_DECADES, xlabel="layer l (input → output)",
               ylabel="‖ΔW‖ / ‖W‖")
        power_of_ten_axis(ax.yaxis, max_ticks=6)
        ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
        ax.set_title("ratio per layer, median of the last 20 steps", fontsize=10)

        ax = self.ax_units
        (self.units_line,) = ax.plot([], [], color=OKABE_ITO["vermillion"], marker="o",
                                     markersize=3)
        ax.set(xlim=(0.5, MAX_DEPTH + 0.5), ylim=(-3, 103), xlabel="hidden layer l",
               ylabel="% of units")
        ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(5))
        # the spread of the activations on a second, decades axis: a signal that collapses
        # towards 0 layer after layer shows here, not in the % above
        self.ax_std = ax.twinx()
        (self.std_line,) = self.ax_std.plot([], [], color=OKABE_ITO["blue"], linestyle="--",
                                            marker="s", markersize=3)
        self.ax_std.set_ylim(*STD_DECADES)
        power_of_ten_axis(self.ax_std.yaxis, max_ticks=5)
        self.ax_std.tick_params(axis="y", colors=OKABE_ITO["blue"])
        for ax in (self.ax_loss, self.ax_ratio, self.ax_profile, self.ax_units):
            ax.grid(True, alpha=0.3)
            place_axis_labels(ax, "1e-9")

    def _draw_session(self):
        """Move every moving artist to what the session holds now; returns the status line."""
        session = self.session
        depth, done = session.setup.depth, session.steps_done
        steps = np.arange(done)
        self.loss_line.set_data(steps, safe_log10(session.loss[:done]))
        diverged = session.diverged_at
        self.diverged_note.set_text("" if diverged is None else
                                    f"loss inf/NaN at step {diverged}: diverged")
        logs = np.clip(safe_log10(session.update_ratios[:done]), *RATIO_DECADES)
        self.ratio_lines.set_segments([np.column_stack([steps, logs[:, l]])
                                       for l in range(depth)])
        self.ratio_lines.set_color(layer_colours(depth))
        profile = session.ratio_profile()
        layers = np.arange(1, depth + 1)
        profile_logs = np.clip(safe_log10(profile), *RATIO_DECADES)
        self.profile_line.set_data(layers, profile_logs)
        shown = np.isfinite(profile_logs)
        self.profile_points.set_offsets(np.column_stack([layers[shown], profile_logs[shown]]))
        self.profile_points.set_color(layer_colours(depth)[shown])
        stats = session.layer_stats()
        activation = get_activation(session.setup.activation)
        hidden = np.arange(1, depth)
        if activation.saturates:
            percent, what = stats.saturated_pct[:-1], "saturated"
        else:
            percent, what = stats.dead_pct[:-1], "dead"
        self.units_line.set_data(hidden, percent)
        self._set_units_title(what)
        self.std_line.set_data(hidden, np.clip(safe_log10(stats.act_std[:-1]), *STD_DECADES))
        self.step_note.set_text(f"{done} of {session.steps} steps")
        finite = profile[np.isfinite(profile) & (profile > 0)]
        spread = (f"{np.log10(finite.max() / finite.min()):.1f} decades"
                  if finite.size else "–")
        last = session.loss[done - 1] if diverged is None else float("nan")
        return (f"step {done} of {session.steps}: loss {last:.3g}"
                f" &nbsp;|&nbsp; update ratios: first layer {_decades(profile[0])}, "
                f"last layer {_decades(profile[-1])}, spread over the layers {spread}"
                + ("" if diverged is None else f" &nbsp;|&nbsp; <b>diverged at step {diverged}</b>"))

    def _set_units_title(self, what):
        """What the units panel shows, in its title: the % line is solid with dots, the std
        line dashed with squares (a second cue besides the colour)."""
        self.ax_units.set_title(f"% {what} units (—●), std of a^[l] (--■, right)",
                                fontsize=10)

    def _show_new_network(self, activation, init, depth, architecture, optimizer, run_steps):
        self.stop()
        self.session = TrainingSession(setup_for(activation, init, depth, architecture,
                                                 optimizer), steps=run_steps)
        for ax in (self.ax_loss, self.ax_ratio):  # the step axes: one background per length
            ax.set_xlim(-0.01 * run_steps, 1.01 * run_steps)
        if hasattr(self, "progress"):
            self.progress.max = run_steps
            self.progress.value = self.session.steps_done
            self.train_button.disabled = self.session.finished
        return self._draw_session()

    # ----- training ----------------------------------------------------------------------------

    @property
    def training(self):
        return ((self._thread is not None and self._thread.is_alive())
                or (self._task is not None and not self._task.done()))

    def _chunks(self, steps=None):
        """Advance the session a chunk at a time (up to ``steps`` more steps, default: to the
        end of the run), with a new picture every 1/FRAMES_PER_RUN of the run (at most one per
        MIN_FRAME_SECONDS); yields after each chunk, so a caller can let Stop through."""
        session = self.session
        target = session.steps if steps is None else min(session.steps, session.steps_done + steps)
        chunk = max(1, session.steps // FRAMES_PER_RUN)
        last_frame = time.perf_counter()
        while session.steps_done < target and not session.finished and not self._stop.is_set():
            session.advance(min(chunk, target - session.steps_done))
            if time.perf_counter() - last_frame >= MIN_FRAME_SECONDS:
                self._show_frame()
                last_frame = time.perf_counter()
            yield
        self._show_frame()

    def train(self, steps=None):
        """Train here, in this thread, until done, stopped or ``steps`` more steps are taken.
        :meth:`start` runs it in the background, which is what the Train button does."""
        for _ in self._chunks(steps):
            pass
        # (in the background the button waits for _set_busy, when the training ends)
        self.train_button.disabled = self.session.finished or self.training

    def _show_frame(self):
        self.status.value = self._draw_session()
        self.image.value = self.render()
        self.progress.value = self.session.steps_done

    def start(self):
        """Train the rest of the steps in a background thread (the Train button)."""
        if self.training or self.session.finished:
            return
        self._stop.clear()
        self._set_busy(True)
        thread = threading.Thread(target=self._train_in_background, daemon=True,
                                  name="notebook08-training")
        try:
            thread.start()
        except RuntimeError:  # "can't start new thread": Pyodide, some sandboxes
            self._start_without_a_thread()
            return
        self._thread = thread

    def _start_without_a_thread(self):
        """Step on the kernel's event loop, yielding between chunks (Stop gets through then);
        with no loop running (plain Python), train here and return when done."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._train_in_background()
            return
        self._task = loop.create_task(self._train_stepwise())

    async def _train_stepwise(self):
        with self._reporting_errors():
            for _ in self._chunks():
                await asyncio.sleep(0)

    def _train_in_background(self):
        with self._reporting_errors():
            self.train()

    @contextlib.contextmanager
    def _reporting_errors(self):
        """Show an error in the figure (a thread's or a task's is otherwise lost), and give
        the controls back however training ends."""
        try:
            yield
        except Exception as error:
            self.status.value = f"<b>training stopped by an error:</b> {type(error).__name__}: {error}"
        finally:
            self._set_busy(False)

    def stop(self):
        """Stop a run in progress (the Stop button) and wait for it; the network keeps the
        steps it took, and Train goes on from there."""
        if self.training:
            self._stop.set()
            thread = self._thread
            if thread is not None and thread.is_alive() and threading.current_thread() is not thread:
                self._thread.join()  # (a task on the event loop ends at its next chunk)

    def _set_busy(self, busy):
        for control in self.controls.values():
            control.disabled = busy
        self.stop_button.disabled = not busy
        self.train_button.disabled = busy or self.session.finished


def training_dashboard(activation="tanh", init="U[−1/√n, 1/√n] (PyTorch's default)", depth=16,
                       architecture="plain", optimizer="SGD, lr 0.1", run_steps=STEPS):
    """Pick activation, init, depth, batch norm / skips, optimizer and run length; train on the
    digits and watch the loss, every layer's update-to-data ratio and its saturated or dead
    units."""
    return TrainingDashboard(activation, init, depth, architecture, optimizer, run_steps)


BENCH_MOVES = [{"depth": d} for d in (8, 12, 20, 24, 30, 16)] + [
    {"init": "LeCun: 1/n (χ = 1 for tanh)"}, {"architecture": "batch norm"},
    {"architecture": "residual (branches × 1/√L)"}, {"activation": "sigmoid"},
    {"activation": "relu", "init": "He: 2/n (χ = 1 for ReLU)"}, {"optimizer": "Adam, lr 0.001"},
    {"init": "too large: 3 × LeCun", "activation": "tanh"}, {"run_steps": 3000},
    {"run_steps": STEPS},
    {"architecture": "plain", "optimizer": "SGD, lr 0.1",
     "init": "U[−1/√n, 1/√n] (PyTorch's default)"}]
