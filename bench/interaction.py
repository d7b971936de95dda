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
2. the helpers MLP, forward + backward, 50 layers x 256 wide, batch 256, float64; and the
   same computation in PyTorch on the CPU when ``import torch`` happens to work.
3. the execution time of every notebook in notebooks/ (nbclient, a fresh kernel each, as
   tools/execute_notebooks.py does, but nothing is written).

The output ends with one line per figure, the worst 90th percentile, and a last line, e.g.::

    figure=01_activations_through_depth median_ms=31.2 p90_ms=35.0 naive_ms=151.3 speedup=4.8
    worst_p90_ms=35.0
    worst_median_ms=31.2 min_speedup=4.8

Targets (reported, not enforced): every figure <= 50 ms median and <= 50 ms at the 90th
percentile, >= 4x faster than naive; the MLP within 1.5x of PyTorch; the whole course
executing in <= 90 s.
"""
import argparse
import os
import sys
import time
from contextlib import ExitStack
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


def time_mlp(repeats, depth=50, width=256, batch=256):
    """Median ms of one forward + backward pass of the helpers MLP (tanh, float64)."""
    from helpers.models.network import MLP, make_sizes

    net = MLP(make_sizes(depth, width), activation="tanh", init="xavier", seed=0)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((batch, width))
    dout = rng.standard_normal((batch, width))
    times = []
    for _ in range(repeats + 1):  # the first pass is a warm-up
        started = time.perf_counter()
        net.forward(X)
        net.backward(dout)
        times.append(time.perf_counter() - started)
    return float(np.median(_ms(times[1:]))), net, X, dout


def time_torch(net, X, dout, repeats, threads=None):
    """The same network, input and gradient in PyTorch (CPU, float64); None if torch is missing."""
    try:
        import torch
    except ImportError:
        return None
    if threads:
        torch.set_num_threads(threads)
    weights = [torch.tensor(W, requires_grad=True) for W in net.weights]
    biases = [torch.tensor(b, requires_grad=True) for b in net.biases]
    x = torch.tensor(X, requires_grad=True)  # helpers' backward returns dL/dX as well
    upstream = torch.tensor(dout)
    times = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        a = x
        for layer, (W, b) in enumerate(zip(weights, biases)):
            z = a @ W + b
            a = z if layer == len(weights) - 1 else torch.tanh(z)
        a.backward(upstream)
        times.append(time.perf_counter() - started)
        for tensor in weights + biases + [x]:
            tensor.grad = None
    return float(np.median(_ms(times[1:]))), torch.__version__


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
    parser.add_argument("--threads", type=int, metavar="N",
                        help="run the MLP section with N BLAS threads (numpy and PyTorch); on a "
                             "machine busy with other jobs, 1 is often much faster than all cores")
    parser.add_argument("--no-notebooks", action="store_true")
    parser.add_argument("--notebook", action="append", type=Path, metavar="PATH",
                        help="time only this notebook (repeatable); default: notebooks/*.ipynb")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: first figure only, 3 moves, 2 naive frames, 1 MLP pass, "
                             "no notebooks")
    args = parser.parse_args(argv)
    if args.quick:
        args.figure = args.figure or [next(iter(FIGURES))]
        args.moves, args.naive_moves, args.mlp_repeats = 3, 2, 1
        args.no_notebooks = True
    unknown = set(args.figure or ()) - set(FIGURES)
    if unknown:
        parser.error(f"unknown figure(s) {sorted(unknown)}; registered: {', '.join(FIGURES)}")
    if args.moves < 1 or args.naive_moves < 1 or args.mlp_repeats < 1:
        parser.error("--moves, --naive-moves and --mlp-repeats must be at least 1")
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

    if not args.no_mlp:
        threads = (f"{args.threads} BLAS thread(s)" if args.threads
                   else "one BLAS thread, as importing helpers sets")
        print(f"== MLP forward + backward: 50 layers x 256 wide, batch 256, float64, tanh, "
              f"{threads}", flush=True)
        with ExitStack() as limits:
            if args.threads:
                from threadpoolctl import threadpool_limits
                limits.enter_context(threadpool_limits(limits=args.threads, user_api="blas"))
            mlp_ms, net, X, dout = time_mlp(args.mlp_repeats)
        torch_result = time_torch(net, X, dout, args.mlp_repeats, args.threads)
        if torch_result is None:
            print(f"mlp_ms={mlp_ms:.1f} (PyTorch not importable: no comparison)")
        else:
            torch_ms, version = torch_result
            ratio = mlp_ms / torch_ms
            print(f"mlp_ms={mlp_ms:.1f} torch_ms={torch_ms:.1f} torch_version={version} "
                  f"ratio={ratio:.2f} (target <= {TARGET_TORCH_RATIO}: "
                  f"{_verdict(ratio <= TARGET_TORCH_RATIO)})", flush=True)

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
    worst_p90 = max(t.p90_ms for t in timings)
    print(f"worst_p90_ms={worst_p90:.1f} (target <= {TARGET_P90_MS:.0f}: "
          f"{_verdict(worst_p90 <= TARGET_P90_MS)})")
    print(f"worst_median_ms={max(t.median_ms for t in timings):.1f} "
          f"min_speedup={min(t.speedup for t in timings):.1f}", flush=True)


if __name__ == "__main__":
    main()
