"""The interaction benchmark keeps running and keeps its output format (bench/interaction.py)."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.naive import (
    first_slider_name,
    fresh_figure,
    naive_interactive,
    naive_png,
    show_animated_artists,
)
from helpers.figures import FIGURES

ROOT = Path(__file__).resolve().parent.parent
NUMBER = r"\d+(?:\.\d+)?"
FIGURE_LINE = re.compile(
    rf"figure=(?P<name>\S+) median_ms=(?P<median>{NUMBER}) p90_ms=(?P<p90>{NUMBER}) "
    rf"naive_ms=(?P<naive>{NUMBER}) speedup=(?P<speedup>{NUMBER})")
LAST_LINE = re.compile(rf"worst_median_ms=(?P<worst>{NUMBER}) min_speedup=(?P<speedup>{NUMBER})")
P90_LINE = re.compile(rf"worst_p90_ms=(?P<worst>{NUMBER}) \(target <= 50: (ok|MISSED)\)")


def test_quick_run_prints_one_line_per_figure_and_the_summary_last():
    name = next(iter(FIGURES))
    result = subprocess.run([sys.executable, "bench/interaction.py", "--quick"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
    lines = result.stdout.strip().splitlines()
    figure_lines = [FIGURE_LINE.fullmatch(line) for line in lines if line.startswith("figure=")]
    assert len(figure_lines) == 1 and figure_lines[0], lines
    figure = figure_lines[0]
    assert figure["name"] == name
    assert 0 < float(figure["median"]) <= float(figure["p90"])
    last = LAST_LINE.fullmatch(lines[-1])
    assert last, lines[-1]
    assert last["worst"] == figure["median"] and last["speedup"] == figure["speedup"]
    p90 = P90_LINE.fullmatch(lines[-2])
    assert p90 and p90["worst"] == figure["p90"], lines[-2]
    assert re.search(r"p90 \S+ ms \(target <= 50: (ok|MISSED)\), \d+ of 3 frames full draws",
                     result.stdout)
    assert re.search(rf"^mlp_ms={NUMBER} floor_ms={NUMBER} ratio_to_floor={NUMBER}", result.stdout,
                     re.MULTILINE)
    # the memory after the random moves, in the summary too, and one line per control moved
    memory = re.findall(rf"^rss_mb=({NUMBER}) after 10 random moves, ({NUMBER}) before, with "
                        rf"every figure built \(target < 400: (ok|MISSED)\)$", result.stdout,
                        re.MULTILINE)
    assert len(memory) == 2 and float(memory[0][0]) > 0, result.stdout
    controls = re.findall(rf"^control={re.escape(name)}\.(\w+) moves=(\d+) unseen=(\d+) "
                          rf"unseen_median_ms={NUMBER}", result.stdout, re.MULTILINE)
    assert controls and sum(int(moves) for _, moves, _ in controls) == 10
    assert all(int(unseen) >= 1 for _, _, unseen in controls)  # every control met a new value


def test_control_values_cover_every_slider_step_and_dropdown_option():
    from bench.interaction import control_values
    from helpers.live.widgets import choice_dropdown, depth_slider, range_slider, width_slider

    assert control_values(width_slider(128, min=16, max=256, step=16)) == list(range(16, 257, 16))
    assert control_values(depth_slider(5, min=1, max=3)) == [1, 2, 3]
    assert control_values(choice_dropdown([("a", 1), ("b", 2)], 1)) == [1, 2]
    assert control_values(range_slider((1, 2), 1, 3, "layers")) == [
        (1, 1), (1, 2), (1, 3), (2, 2), (2, 3), (3, 3)]


def test_unknown_figure_is_refused_with_the_registered_names():
    result = subprocess.run([sys.executable, "bench/interaction.py", "--figure", "no_such_figure"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "no_such_figure" in result.stderr and next(iter(FIGURES)) in result.stderr


@pytest.mark.parametrize("name", list(FIGURES))
def test_naive_frame_computes_what_the_live_figure_shows(name):
    builder, moves = FIGURES[name]
    live = builder()
    live.set(**moves[-1])
    fresh, message = fresh_figure(builder, live.values())
    assert fresh is not live and fresh.fig is not live.fig  # a new figure per frame
    # same computation, same status text (the live line adds why a control is off, if one is)
    assert live.status.value.startswith(message or "")
    assert fresh.image.value == b""  # the builder drew no frame of its own (blitting ones too)
    show_animated_artists(fresh.fig)  # blitting figures: the naive full draw includes them
    assert not fresh.fig.findobj(lambda artist: artist.get_animated())
    png = naive_png(builder, live.values())
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize("name", list(FIGURES))
def test_naive_interactive_moves_the_figures_first_slider(name):
    builder, _ = FIGURES[name]
    live = builder()
    slider_name = first_slider_name(live)
    if slider_name is None:
        pytest.skip(f"{name} has no slider")
    naive = naive_interactive(builder)
    assert [child.description for child in naive.children[:-1]] == [
        live.controls[slider_name].description]
