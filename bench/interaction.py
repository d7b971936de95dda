"""How fast the course answers: slider figures, the MLP, and every notebook, in one run.

    .venv/bin/python bench/interaction.py            # everything (a few minutes)
    .venv/bin/python bench/interaction.py --quick    # one figure, tiny counts (a smoke test)
    .venv/bin/python bench/interaction.py --figure 01_activations_through_depth --no-notebooks

Sections:
1. every slider figure registered in ``helpers.figures.FIGURES``: the time of
   ``live.set(**move)`` (compute + render to a new PNG, in the kernel), cycling through the
   figure's bench moves; median and 90th percentile (the slow frames, which redraw the
   axes, are what a presenter dragging a slider feels), and how many frames were full
   draws. Then the same frames drawn the naive
   way (see ``bench/naive.py``: a fresh figure per move from the same builder, the same
   ``update``, rendered as the inline backend does with ``bbox_inches="tight"``).
2. what a presenter or a student does, in a fresh process standing in for the notebook's
   kernel: every figure built, then ``--random-moves`` (1,000) moves, each of one enabled
   control of one registered figure (figures and controls drawn at random, seeded) to a value
   that control has not had before while there is one (so the caches are cold, as for a
   learner trying a new width). The frame times per control (median, p90, CPU time, full
   draws), and that process's resident memory (RSS) before and after the moves.
3. the helpers MLP, forward + backward, 50 layers x 256 wide, batch 256, float64, on one
   thread (numpy's BLAS through threadpoolctl); the same computation in PyTorch on one thread
   (``torch.set_num_threads``) when ``import torch`` works (PyTorch is an optional bench
   dependency, not one of the course's); and the floor: the bare matrix products of the same
   pass (3 per layer) in numpy. Both ratios are printed.
4. the execution time of every notebook in notebooks/ (nbclient, a fresh kernel each, as
   tools/execute_notebooks.py does, but nothing is written).

The output ends with one line per figure, the memory line, the worst 90th percentile, and a
last line, e.g.::

    figure=01_activations_through_depth median_ms=31.2 p90_ms=35.0 naive_ms=151.3 speedup=4.8
    rss_mb=310.2 after 1000 random moves (target < 400: ok)
    worst_p90_ms=35.0
    worst_median_ms=31.2 min_speedup=4.8

Targets (reported, not enforced): every figure <= 50 ms median and <= 50 ms at the 90th
percentile, >= 4x faster than naive; every control's median <= 50 ms at values not seen
before; the memory after the random moves < 400 MB; the MLP within 1.5x of PyTorch on one
thread; the whole course executing in <= 90 s.
"""
import argparse
import multiprocessing
import os
import random
import resource
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/interaction.py` puts bench/, not the root, on the path
    sys.path.insert(0, str(ROOT))

from bench.naive import naive_png  # noqa: E402
from helpers.figures import FIGURES  # noqa: E402

TARGET_MEDIAN_MS = 50.0
TARGET_P90_MS = 50.0
TARGET_SPEEDUP = 4.0
TARGET_TORCH_RATIO = 1.5
TARGET_RSS_MB = 400.0
TARGET_COURSE_S = 90.0


@dataclass
class FigureTiming:
    name: str
    median_ms: float
    p90_ms: float
    naive_ms: float
    cpu_median_ms: float  # process CPU time per move: close to the wall time on an idle machine
    naive_cpu_ms: float
    first_pass_ms: float  # median over the first pass through the moves (caches cold)
    full_draws: int  # timed frames that drew the figure's fixed parts (a new background)

    @property
    def speedup(self):
        return self.naive_ms / self.median_ms

    def summary(self):
        return (f"figure={self.name} median_ms={self.median_ms:.1f} p90_ms={self.p90_ms:.1f} "
                f"naive_ms={self.naive_ms:.1f} speedup={self.speedup:.1f}")


def _ms(seconds):
    return 1000.0 * np.asarray(seconds)


def time_figure(name, builder, moves, timed_moves, naive_moves):
    """Time ``live.set(**move)`` cycling through ``moves``, then the naive frames for the same states."""
    if not moves:
        raise ValueError(f"figure {name!r} has no bench moves in FIGURES")
    live = builder()  # draws its first frame: fonts and the builder's own caches are ready
    # No warm-up over the moves: the first pass through them is what a learner meets first
    # (data caches cold); later passes repeat values, so they show the cached cost.
    naive_png(builder, live.values())
    # fast moves and naive frames alternate, so that both see the same load on a shared machine
    fast, naive, fast_cpu, naive_cpu = [], [], [], []
    drawn_before = getattr(live, "backgrounds_drawn", 0)
    for i in range(max(timed_moves, naive_moves)):
        if i < timed_moves:
            started, started_cpu = time.perf_counter(), time.process_time()
            live.set(**moves[i % len(moves)])
            fast.append(time.perf_counter() - started)
            fast_cpu.append(time.process_time() - started_cpu)
        if i < naive_moves:
            values = live.values()  # the full control state the fast path just drew
            started, started_cpu = time.perf_counter(), time.process_time()
            naive_png(builder, values)
            naive.append(time.perf_counter() - started)
            naive_cpu.append(time.process_time() - started_cpu)
    fast_ms = _ms(fast)
    # a plain LiveFigure (no blitting) draws everything on every frame
    full_draws = getattr(live, "backgrounds_drawn", drawn_before + len(fast)) - drawn_before
    return FigureTiming(name, float(np.median(fast_ms)), float(np.percentile(fast_ms, 90)),
                        float(np.median(_ms(naive))), float(np.median(_ms(fast_cpu))),
                        float(np.median(_ms(naive_cpu))),
                        first_pass_ms=float(np.median(fast_ms[:len(moves)])),
                        full_draws=full_draws)


# ----- what a presenter or a student does: random moves to values not seen before ----------

def rss_mb():
    """The resident memory of this process now, in MB (Linux /proc; elsewhere the peak)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def control_values(control):
    """Every value ``control`` can take: a slider's steps, a range slider's pairs, a
    dropdown's options."""
    kind = type(control).__name__
    if kind == "Dropdown":
        return [option[1] if isinstance(option, tuple) else option for option in control.options]
    count = int(round((control.max - control.min) / control.step)) + 1
    steps = [control.min + i * control.step for i in range(count)]
    if kind == "IntRangeSlider":
        return [(first, last) for first in steps for last in steps if first <= last]
    if kind == "FloatSlider":
        return [round(value, 10) for value in steps]
    return steps


@dataclass
class ControlTiming:
    figure: str
    control: str
    unseen_ms: list  # frames that set a value this control had not had before
    seen_ms: list
    unseen_cpu_ms: list  # the process's CPU time of the unseen frames: steadier on a busy machine
    full_draws: int = 0  # frames that drew the figure's fixed parts anew (axes, ticks, labels)

    @property
    def unseen_median_ms(self):
        return float(np.median(self.unseen_ms)) if self.unseen_ms else 0.0

    def summary(self):
        every = np.asarray(self.unseen_ms + self.seen_ms)
        cpu = np.median(self.unseen_cpu_ms) if self.unseen_cpu_ms else 0.0
        return (f"control={self.figure}.{self.control} moves={every.size} "
                f"unseen={len(self.unseen_ms)} unseen_median_ms={self.unseen_median_ms:.1f} "
                f"unseen_cpu_ms={cpu:.1f} median_ms={np.median(every):.1f} "
                f"p90_ms={np.percentile(every, 90):.1f} full_draws={self.full_draws}")


def random_moves(names, count, seed=0):
    """``count`` moves over the figures ``names``, each to a random enabled control and a value
    it has not had (while one is left): ({(figure, control): ControlTiming}, rss before,
    rss after). Every figure is built first, as a notebook run to the end has them all; "before"
    is the memory once they are built."""
    chooser = random.Random(seed)
    figures = {name: FIGURES[name][0]() for name in names}
    before = rss_mb()
    seen = defaultdict(set)
    for name, live in figures.items():
        for control_name, value in live.values().items():
            seen[name, control_name].add(value)
    timings = {}
    for _ in range(count):
        name = chooser.choice(names)
        live = figures[name]
        enabled = [key for key, control in live.controls.items() if not control.disabled]
        control_name = chooser.choice(enabled)
        control = live.controls[control_name]
        values = [value for value in control_values(control) if value != control.value]
        fresh = [value for value in values if value not in seen[name, control_name]]
        value = chooser.choice(fresh or values)
        seen[name, control_name].add(value)
        drawn_before = getattr(live, "backgrounds_drawn", 0)
        started, started_cpu = time.perf_counter(), time.process_time()
        live.set(**{control_name: value})
        elapsed = 1000.0 * (time.perf_counter() - started)
        elapsed_cpu = 1000.0 * (time.process_time() - started_cpu)
        timing = timings.setdefault((name, control_name),
                                    ControlTiming(name, control_name, [], [], []))
        timing.full_draws += getattr(live, "backgrounds_drawn", 1) != drawn_before
        if fresh:
            timing.unseen_ms.append(elapsed)
            timing.unseen_cpu_ms.append(elapsed_cpu)
        else:
            timing.seen_ms.append(elapsed)
    return timings, before, rss_mb()


# ----- the MLP, like with like: one thread each, and the floor --------------------------------

MLP_SHAPE = {"depth": 50, "width": 256, "batch": 256}


def _medians_ms(functions, repeats):
    """{name: median ms of ``function()``} over ``repeats`` rounds after one warm-up call each;
    each round calls every function once, in turn, so all of them meet the same load."""
    times = {name: [] for name in functions}
    for name, function in functions.items():
        function()
    for _ in range(repeats):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - started)
    return {name: float(np.median(_ms(values))) for name, values in times.items()}


def mlp_problem(depth, width, batch):
    """The network, input and upstream gradient the three timings share."""
    from helpers.models.network import MLP, make_sizes

    net = MLP(make_sizes(depth, width), activation="tanh", init="xavier", seed=0)
    rng = np.random.default_rng(0)
    return net, rng.standard_normal((batch, width)), rng.standard_normal((batch, width))


def mlp_pass(net, X, dout):
    """One forward + backward pass of the helpers MLP (tanh, float64)."""
    return lambda: (net.forward(X), net.backward(dout))


def floor_pass(net, X, dout):
    """The pass's matrix products alone: a @ W forward, then dz @ W.T and a.T @ dz backward,
    per layer, with no activation, bias or bookkeeping: the floor."""
    def products():
        inputs, a = [], X
        for W in net.weights:
            inputs.append(a)
            a = a @ W
        grad = dout
        for W, a in zip(reversed(net.weights), reversed(inputs)):
            a.T @ grad
            grad = grad @ W.T
    return products


def torch_pass(net, X, dout, threads):
    """The same network, input and gradient in PyTorch (CPU, float64, ``threads`` threads):
    (the pass, version), or None if torch is missing."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    weights = [torch.tensor(W, requires_grad=True) for W in net.weights]
    biases = [torch.tensor(b, requires_grad=True) for b in net.biases]
    x = torch.tensor(X, requires_grad=True)  # helpers' backward returns dL/dX as well
    upstream = torch.tensor(dout)

    def forward_backward():
        a = x
        for layer, (W, b) in enumerate(zip(weights, biases)):
            z = a @ W + b
            a = z if layer == len(weights) - 1 else torch.tanh(z)
        a.backward(upstream)
        for tensor in weights + biases + [x]:
            tensor.grad = None

    return forward_backward, torch.__version__


def mlp_section(repeats, threads):
    """Time the MLP, its floor and PyTorch, every one on ``threads`` threads, in turns: a dict."""
    from threadpoolctl import threadpool_limits

    net, X, dout = mlp_problem(**MLP_SHAPE)
    passes = {"mlp_ms": mlp_pass(net, X, dout), "floor_ms": floor_pass(net, X, dout)}
    torch_result = torch_pass(net, X, dout, threads)
    if torch_result is not None:
        passes["torch_ms"] = torch_result[0]
    with threadpool_limits(limits=threads, user_api="blas"):
        result = _medians_ms(passes, repeats)
    if torch_result is not None:
        result["torch_version"] = torch_result[1]
    return result


def time_notebook(path):
    """Seconds to execute ``path`` in a fresh python3 kernel (nothing is written)."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - started


# ----- presenter scale: the lecture's figures at projector size (lecture worker's section) -----

PRESENTER_SCREENS = ((1242, 1.0, "1280x720"), (1882, 1.0, "1920x1080"))  # CSS width, ratio


def time_presenter_scale(names, timed_moves):
    """The slider frame at the lecture's size: LiveFigure.present(width) as a 1280x720 and a
    1920x1080 window show it; the median of live.set(**move) must stay within the target."""
    print(f"== presenter scale: live.set(**move) at the lecture's size ({timed_moves} moves)",
          flush=True)
    worst = 0.0
    for name in names:
        builder, moves = FIGURES[name]
        for css_width, ratio, screen in PRESENTER_SCREENS:
            live = builder()
            live.present(css_width, ratio)
            times = []
            for i in range(timed_moves):
                started = time.perf_counter()
                live.set(**moves[i % len(moves)])
                times.append(time.perf_counter() - started)
            median = float(np.median(_ms(times)))
            worst = max(worst, median)
            width, height = live.fig.canvas.get_width_height()
            print(f"presenter {name} {screen}: {width}x{height} px, median {median:.1f} ms "
                  f"(target <= {TARGET_MEDIAN_MS:.0f}: {_verdict(median <= TARGET_MEDIAN_MS)})",
                  flush=True)
    print(f"presenter_worst_median_ms={worst:.1f} (target <= {TARGET_MEDIAN_MS:.0f}: "
          f"{_verdict(worst <= TARGET_MEDIAN_MS)})", flush=True)


def _verdict(ok):
    return "ok" if ok else "MISSED"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--figure", action="append", metavar="NAME",
                        help="bench only this figure (repeatable); default: every figure in FIGURES")
    parser.add_argument("--moves", type=int, default=40, help="timed live.set moves per figure")
    parser.add_argument("--naive-moves", type=int, default=20, help="timed naive frames per figure")
    parser.add_argument("--mlp-repeats", type=int, default=10)
    parser.add_argument("--no-mlp", action="store_true")
    parser.add_argument("--threads", type=int, default=1, metavar="N",
                        help="threads for the MLP section, numpy's BLAS and PyTorch alike "
                             "(default 1: like with like)")
    parser.add_argument("--random-moves", type=int, default=1000, metavar="N",
                        help="random moves to unseen values over every figure's enabled controls "
                             "(0: skip the section and the memory line)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random moves")
    parser.add_argument("--no-notebooks", action="store_true")
    parser.add_argument("--notebook", action="append", type=Path, metavar="PATH",
                        help="time only this notebook (repeatable); default: notebooks/*.ipynb")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: first figure only, 3 moves, 2 naive frames, 1 MLP pass, "
                             "no notebooks")
    args = parser.parse_args(argv)
    if args.quick:
        args.figure = args.figure or [next(iter(FIGURES))]
        args.moves, args.naive_moves, args.mlp_repeats, args.random_moves = 3, 2, 1, 10
        args.no_notebooks = True
    unknown = set(args.figure or ()) - set(FIGURES)
    if unknown:
        parser.error(f"unknown figure(s) {sorted(unknown)}; registered: {', '.join(FIGURES)}")
    if args.moves < 1 or args.naive_moves < 1 or args.mlp_repeats < 1 or args.threads < 1:
        parser.error("--moves, --naive-moves, --mlp-repeats and --threads must be at least 1")
    if args.random_moves < 0:
        parser.error("--random-moves must be 0 or more")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    names = args.figure or list(FIGURES)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"# {os.cpu_count()} cores, load average {load} (timings grow on a busy machine)")

    print(f"== slider figures: live.set(**move) vs a fresh figure + tight PNG "
          f"({args.moves} timed moves, {args.naive_moves} naive frames each)", flush=True)
    timings = []
    for name in names:
        builder, moves = FIGURES[name]
        timing = time_figure(name, builder, moves, args.moves, args.naive_moves)
        timings.append(timing)
        print(f"{name}: median {timing.median_ms:.1f} ms (target <= {TARGET_MEDIAN_MS:.0f}: "
              f"{_verdict(timing.median_ms <= TARGET_MEDIAN_MS)}), p90 {timing.p90_ms:.1f} ms "
              f"(target <= {TARGET_P90_MS:.0f}: {_verdict(timing.p90_ms <= TARGET_P90_MS)}), "
              f"{timing.full_draws} of {args.moves} frames full draws, "
              f"first pass {timing.first_pass_ms:.1f} ms, "
              f"naive {timing.naive_ms:.1f} ms, speedup {timing.speedup:.1f}x (target >= "
              f"{TARGET_SPEEDUP:.0f}x: {_verdict(timing.speedup >= TARGET_SPEEDUP)}); CPU time "
              f"per move {timing.cpu_median_ms:.1f} ms, naive {timing.naive_cpu_ms:.1f} ms",
              flush=True)

    memory = None
    if args.random_moves:
        print(f"== random moves: {args.random_moves} moves to values not seen before, over every "
              f"enabled control of {len(names)} figure(s) (seed {args.seed})", flush=True)
        # in a fresh process, like a notebook's kernel: the figures and naive frames of the
        # section above would count towards this one's memory
        with multiprocessing.get_context("spawn").Pool(1) as kernel:
            control_timings, rss_before, rss_after = kernel.apply(
                random_moves, (names, args.random_moves, args.seed))
        for timing in sorted(control_timings.values(), key=lambda t: (t.figure, t.control)):
            print(f"{timing.summary()} (target <= {TARGET_MEDIAN_MS:.0f} unseen: "
                  f"{_verdict(timing.unseen_median_ms <= TARGET_MEDIAN_MS)})", flush=True)
        slowest = max(control_timings.values(), key=lambda t: t.unseen_median_ms)
        print(f"worst_unseen_median_ms={slowest.unseen_median_ms:.1f} "
              f"({slowest.figure}.{slowest.control}; target <= {TARGET_MEDIAN_MS:.0f}: "
              f"{_verdict(slowest.unseen_median_ms <= TARGET_MEDIAN_MS)})", flush=True)
        memory = (f"rss_mb={rss_after:.1f} after {args.random_moves} random moves, "
                  f"{rss_before:.1f} before, with every figure built "
                  f"(target < {TARGET_RSS_MB:.0f}: "
                  f"{_verdict(rss_after < TARGET_RSS_MB)})")
        print(memory, flush=True)

    if not args.no_mlp:
        shape = MLP_SHAPE
        print(f"== MLP forward + backward: {shape['depth']} layers x {shape['width']} wide, "
              f"batch {shape['batch']}, float64, tanh, {args.threads} thread(s) for numpy's BLAS "
              f"and PyTorch alike", flush=True)
        mlp = mlp_section(args.mlp_repeats, args.threads)
        line = (f"mlp_ms={mlp['mlp_ms']:.1f} floor_ms={mlp['floor_ms']:.1f} "
                f"ratio_to_floor={mlp['mlp_ms'] / mlp['floor_ms']:.2f}")
        if "torch_ms" in mlp:
            ratio = mlp["mlp_ms"] / mlp["torch_ms"]
            line += (f" torch_ms={mlp['torch_ms']:.1f} torch_version={mlp['torch_version']} "
                     f"torch_to_floor={mlp['torch_ms'] / mlp['floor_ms']:.2f} ratio_to_torch="
                     f"{ratio:.2f} (target <= {TARGET_TORCH_RATIO}: "
                     f"{_verdict(ratio <= TARGET_TORCH_RATIO)})")
        else:
            line += " (PyTorch not importable: no comparison; pip install torch==2.13.0)"
        print(line, flush=True)

    if not args.no_notebooks:
        paths = args.notebook or sorted((ROOT / "notebooks").glob("*.ipynb"))
        print(f"== notebooks: execution time, fresh kernel each ({len(paths)} notebooks)", flush=True)
        total, failed = 0.0, []
        for path in paths:
            path = Path(path).resolve()
            try:
                seconds = time_notebook(path)
            except Exception as error:  # report and go on: one broken notebook should not hide the rest
                failed.append(path.name)
                print(f"notebook={path.name} FAILED: {type(error).__name__}: "
                      f"{str(error).strip().splitlines()[-1] if str(error).strip() else ''}")
                continue
            total += seconds
            print(f"notebook={path.name} seconds={seconds:.1f}", flush=True)
        print(f"course_seconds={total:.1f} (target <= {TARGET_COURSE_S:.0f}: "
              f"{_verdict(total <= TARGET_COURSE_S and not failed)})"
              + (f" failed={','.join(failed)}" if failed else ""), flush=True)

    time_presenter_scale(names, args.moves)  # the lecture's section (helpers/lecture.py)

    print("== summary")
    for timing in timings:
        print(timing.summary())
    if memory:
        print(memory)
    worst_p90 = max(t.p90_ms for t in timings)
    print(f"worst_p90_ms={worst_p90:.1f} (target <= {TARGET_P90_MS:.0f}: "
          f"{_verdict(worst_p90 <= TARGET_P90_MS)})")
    print(f"worst_median_ms={max(t.median_ms for t in timings):.1f} "
          f"min_speedup={min(t.speedup for t in timings):.1f}", flush=True)


if __name__ == "__main__":
    main()
