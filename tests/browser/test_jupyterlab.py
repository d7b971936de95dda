"""The course in a real browser: JupyterLab + headless Chromium, driven like a learner would.

For every notebook in notebooks/: open it, wait for the kernel connection, Run All Cells from
the menu, check that no cell shows an error or a warning, then move every enabled slider
of every slider figure with the keyboard and check that its picture changes each time. The
time from the keypress to the new image (a MutationObserver sees the new ``src``) is
reported per slider (the target: a median within 80 ms); for the course's own figures also
next to the naive pattern (``interactive`` + a new figure shown per move) on the same figure,
measured in the same run.

Before any of that, every notebook is opened as a reader meets it, without running it: each
slider figure must show its stored picture (no ``VBox(...)`` text, no "Error displaying
widget").

The notebooks are copied into a temporary directory first, so nothing the browser does can
change the stored notebooks; autosave is off as well.
"""
import shutil
import statistics
from pathlib import Path

import nbformat
import pytest

from helpers.figures import FIGURES
from tests.browser.support import ARM_MOVE_JS, start_lab

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FIRST_NOTEBOOK = "01_product_of_matrices.ipynb"
SCRATCH_NOTEBOOK = "scratch/live_vs_naive.ipynb"
TARGET_BROWSER_MS = 80.0
RUN_ALL_TIMEOUT_MS = 180_000
NEW_IMAGE_TIMEOUT_MS = 20_000

# every query below looks inside the notebook in front only (other tabs stay in the DOM)
CURRENT_NOTEBOOK_JS = """() => {
  window.current = () => window.jupyterapp.shell.currentWidget.node;
}"""

KERNEL_CONNECTED_JS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const session = panel && panel.sessionContext && panel.sessionContext.session;
  const kernel = session && session.kernel;
  return !!kernel && kernel.connectionStatus === "connected" && kernel.status === "idle";
}"""

# done when no cell waits or runs ([*]) and every code cell has a number or one failed
# (after an error JupyterLab drops the cells still queued)
RUN_ALL_DONE_JS = """() => {
  const prompts = [...current().querySelectorAll(".jp-CodeCell .jp-InputArea-prompt")]
    .map(prompt => prompt.textContent.trim());
  if (prompts.length === 0 || prompts.some(text => text.includes("*"))) return false;
  const failed = current().querySelector(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  return !!failed || prompts.every(text => /\\[\\d+\\]/.test(text));
}"""

STDERR_OUTPUTS_JS = """() => [...current().querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
  .map(output => output.innerText.slice(0, 2000))"""

# every widget output has rendered its view, and every image in it has a picture
WIDGETS_RENDERED_JS = """() => {
  const views = [...current().querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]')];
  return views.every(view => view.querySelector(".jupyter-widgets, .widget-box, .widget-inline-hbox")
    && [...view.querySelectorAll("img")].every(img => img.getAttribute("src")));
}"""

# a slider figure: a top-level output holding a slider and an image (LiveFigure or interactive);
# marked with an attribute so Python can select them in page order
MARK_FIGURE_ROOTS_JS = """() => [...current().querySelectorAll(
    ".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output")]
  .filter(output => output.querySelector(".widget-slider .noUi-handle") && output.querySelector("img"))
  .forEach(output => output.setAttribute("data-slider-figure", ""))"""

def write_scratch_notebook(path):
    """For every registered figure: the LiveFigure, then the naive ``interactive`` on it."""
    cells = [nbformat.v4.new_code_cell(
        "%matplotlib inline\n"
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})  # bench/ is not part of the installed package\n"
        "from helpers.figures import FIGURES\n"
        "from bench.naive import naive_interactive")]
    for name in FIGURES:
        cells.append(nbformat.v4.new_code_cell(f"FIGURES[{name!r}][0]()  # live: {name}"))
        cells.append(nbformat.v4.new_code_cell(
            f"naive_interactive(FIGURES[{name!r}][0])  # naive: {name}"))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                       "language": "python", "name": "python3"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def lab(browser, start_server, tmp_path_factory):  # browser first: skip before starting a server
    """JupyterLab serving a temporary copy of notebooks/ (plus the scratch notebook)."""
    served = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", served / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    write_scratch_notebook(served / SCRATCH_NOTEBOOK)
    server = start_lab(start_server, served, "jupyterlab", expose_app=True)
    yield server
    server.stop()


def open_and_run_all(page, lab, notebook_path):
    """Open a notebook, wait for its kernel, clear it, Run All Cells from the menu, wait."""
    page.goto(f"{lab.url}/lab/tree/{notebook_path}?reset")  # reset: only this notebook open
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
    page.evaluate(CURRENT_NOTEBOOK_JS)
    # the idle indicator shows before the kernel is connected; a Run All then does nothing
    page.wait_for_function(KERNEL_CONNECTED_JS, timeout=60_000)
    # cleared prompts ("[ ]") tell a cell this kernel ran apart from a stored number
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function("""() => [...current().querySelectorAll(
        ".jp-CodeCell .jp-InputArea-prompt")].every(p => !/\\d/.test(p.textContent))""")
    page.locator('.lm-MenuBar-itemLabel:text-is("Run")').click()
    page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click()
    page.wait_for_function(RUN_ALL_DONE_JS, timeout=RUN_ALL_TIMEOUT_MS, polling=250)
    errors = page.evaluate(STDERR_OUTPUTS_JS)
    assert not errors, f"{notebook_path}: error or warning output in the browser:\n" + \
        "\n---\n".join(errors)
    page.wait_for_function(WIDGETS_RENDERED_JS, timeout=60_000, polling=250)


def figure_roots(page):
    page.evaluate(MARK_FIGURE_ROOTS_JS)
    return page.query_selector_all(".jp-NotebookPanel:not(.lm-mod-hidden) [data-slider-figure]")


def enabled_sliders(root):
    """The figure's sliders a learner can move now (a control the current setting does not use
    is disabled: noUiSlider marks its track ``disabled``)."""
    return [slider for slider in root.query_selector_all(".widget-slider")
            if not slider.query_selector(".noUi-target[disabled]")]


def move_and_time(page, root, moves, slider=None):
    """Press ArrowRight/ArrowLeft on one slider of the figure (default: its first) ``moves``
    times; each must give a new image. Returns (slider description, [ms from keydown to the new
    image src])."""
    slider = slider or root.query_selector(".widget-slider")
    handle = slider.query_selector(".noUi-handle")
    label = slider.query_selector(".widget-label")
    description = label.inner_text().strip() if label else "slider"
    handle.scroll_into_view_if_needed()
    handle.focus()
    latencies = []
    for index in range(moves):
        now = float(handle.get_attribute("aria-valuenow"))
        low = float(handle.get_attribute("aria-valuemin"))
        high = float(handle.get_attribute("aria-valuemax"))
        go_right = (index % 2 == 0 and now < high) or now <= low
        root.evaluate(ARM_MOVE_JS)
        handle.press("ArrowRight" if go_right else "ArrowLeft")
        try:
            page.wait_for_function("() => window.__move.imageAt !== null",
                                   timeout=NEW_IMAGE_TIMEOUT_MS, polling="raf")
        except Exception as error:
            raise AssertionError(
                f"slider {description!r}: no new image {NEW_IMAGE_TIMEOUT_MS} ms after the key "
                f"press (move {index + 1}, value {now}): the figure did not redraw") from error
        latencies.append(page.evaluate("() => window.__move.imageAt - window.__move.keyAt"))
    return description, latencies


STORED_OUTPUTS_JS = """() => {
  const outputs = [...current().querySelectorAll(".jp-OutputArea-output")];
  return {pictures: outputs.filter(o => o.getAttribute("data-mime-type") === "image/png"
                                        && o.querySelector("img")).length,
          loaded: [...current().querySelectorAll(".jp-OutputArea-output img")]
                    .filter(img => img.complete && img.naturalWidth > 0).length,
          text: outputs.map(o => o.innerText).join("\\n")};
}"""


def stored_pictures(notebook):
    """How many outputs of the stored notebook hold a picture (figures, slider figures)."""
    stored = nbformat.read(notebook, as_version=4)
    return sum("image/png" in output.get("data", {}) for cell in stored.cells
               if cell.cell_type == "code" for output in cell.get("outputs", []))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_shows_every_figure_before_it_runs(notebook, lab, page):
    """Opened without running (no kernel has drawn anything): every stored picture shows,
    the slider figures' included, and no widget's text stands in for one."""
    page.goto(f"{lab.url}/lab/tree/notebooks/{notebook.name}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
    page.evaluate(CURRENT_NOTEBOOK_JS)
    expected = stored_pictures(notebook)
    page.wait_for_function(f"() => ({STORED_OUTPUTS_JS})().loaded >= {expected}",
                           timeout=60_000, polling=250)
    shown = page.evaluate(STORED_OUTPUTS_JS)
    assert shown["pictures"] == expected, f"{notebook.name}: {shown['pictures']} of {expected}"
    assert "VBox(" not in shown["text"] and "Error displaying widget" not in shown["text"]
    shut_down_kernels(page)


def shut_down_kernels(page):
    page.evaluate("async () => { await window.jupyterapp.serviceManager.sessions.shutdownAll(); }")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_and_every_slider_figure_answers(notebook, lab, page, report):
    open_and_run_all(page, lab, f"notebooks/{notebook.name}")
    roots = figure_roots(page)
    assert roots, f"{notebook.name}: no slider figure rendered (every notebook has at least one)"
    for number, root in enumerate(roots, start=1):
        sliders = enabled_sliders(root)
        assert sliders, f"{notebook.name}: figure {number} has no slider a learner can move"
        for index, slider in enumerate(sliders):
            # ~10 moves on the course's first slider, 3 on every other keep the run short
            moves = 10 if (notebook.name, number, index) == (FIRST_NOTEBOOK, 1, 0) else 3
            description, latencies = move_and_time(page, root, moves, slider)
            median = statistics.median(latencies)
            report(f"browser notebook={notebook.stem} figure={number} slider={description!r} "
                   f"moves={moves} median_ms={median:.0f} max_ms={max(latencies):.0f} "
                   f"(target <= {TARGET_BROWSER_MS:.0f}: "
                   f"{'ok' if median <= TARGET_BROWSER_MS else 'MISSED'})")
    shut_down_kernels(page)


def test_live_figures_answer_faster_than_the_naive_pattern(lab, page, report):
    """Same figure, same slider, same run: LiveFigure vs interactive + a new figure per move."""
    open_and_run_all(page, lab, SCRATCH_NOTEBOOK)
    roots = figure_roots(page)
    assert len(roots) == 2 * len(FIGURES), "expected a live and a naive view of every figure"
    slower = []
    for index, name in enumerate(FIGURES):
        moves = 10 if index == 0 else 5  # ~10 on notebook 01's figure; fewer keeps the run short
        _, live = move_and_time(page, roots[2 * index], moves)
        _, naive = move_and_time(page, roots[2 * index + 1], moves)
        live_ms, naive_ms = statistics.median(live), statistics.median(naive)
        report(f"browser figure={name} live_median_ms={live_ms:.0f} "
               f"naive_median_ms={naive_ms:.0f} speedup={naive_ms / live_ms:.1f}")
        if live_ms >= naive_ms:
            slower.append(name)
    shut_down_kernels(page)
    assert not slower, f"the live figure was not faster than the naive pattern for {slower}"


def test_the_training_dashboard_trains_stops_and_stays_usable(lab, page, report):
    """Notebook 08's figure: Train runs in the background (the page stays live and the progress
    bar moves), Stop ends the run part-way, and afterwards a slider move still redraws."""
    open_and_run_all(page, lab, "notebooks/08_diagnose_while_training.ipynb")
    root = page.locator(".jp-OutputArea-output", has=page.locator("button:has-text('Train')"))
    root.scroll_into_view_if_needed()
    # a long run, so that there is time to stop it: 3000 steps with batch norm, depth 30
    # the dropdowns in order: activation, init, network, optimizer, steps
    root.locator("select").nth(2).select_option(label="batch norm")
    root.locator("select").nth(4).select_option(label="3000")
    progress = root.locator(".widget-hprogress .progress-bar")
    page.wait_for_timeout(500)  # the new network's step 0 (a control move) is shown
    root.locator("button:has-text('Train')").click()
    page.wait_for_function("""(bar) => parseFloat(bar.style.width) >= 3""",
                           arg=progress.element_handle(), timeout=60_000)
    root.locator("button:has-text('Stop')").click()
    page.wait_for_function("(button) => !button.disabled",  # Train is back: the run has ended
                           arg=root.locator("button:has-text('Train')").element_handle(),
                           timeout=30_000)
    stopped_at = float(progress.get_attribute("style").split("width:")[1].split("%")[0])
    page.wait_for_timeout(1000)
    still = float(progress.get_attribute("style").split("width:")[1].split("%")[0])
    assert still == stopped_at < 100, f"the run went on after Stop: {stopped_at}% -> {still}%"
    description, latencies = move_and_time(page, root.element_handle(), 2)
    report(f"browser notebook08 dashboard: stopped at {stopped_at:.0f}% of a 3000-step run; "
           f"afterwards slider {description!r} redrew in {max(latencies):.0f} ms")
    shut_down_kernels(page)
