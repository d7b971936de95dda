"""A class at once: S students in real browsers on the local JupyterHub of `make classroom`.

tools/classroom/hub.py starts the hub (the same script and configuration as `make classroom`);
then S students (one Playwright browser context each, all at the same moment, as when a class
is told "click the link now") each:
1. follow the class's nbgitpuller link, log in with the shared password, and wait until
   notebook 01 is open with its kernel connected (the hub starts their server, nbgitpuller
   clones the course into ~/course)            -> "open" seconds, from the login click;
2. Run All Cells from the menu                 -> "run all" seconds; no error output allowed;
3. move the first slider of notebook 01's first slider figure MOVES times with the keyboard
   (ArrowRight/Left, one step each, as a short drag does); every move must bring a new image
                                               -> key-to-image latency, median and 90th percentile;
4. open notebook 08, run its imports and its training dashboard, click Train on a long run,
   then Stop, and check that the run ended part-way; no error output allowed;
5. have JupyterLab's settings from binder/overrides.json: no "Jupyter news" question.
Memory (RSS) of each student's single-user server and kernel(s) is read from /proc after step 3
and at the end. Then the hub is stopped as an instructor would stop it (SIGINT, the Ctrl-C of
`make classroom`) and nothing of the run may be left running.

The table goes into the run's summary (the ``report`` fixture) and, with the conditions (load
average, cores), into test-artifacts/classroom-<S>.json; the sizing table in instructor/GUIDE.md
comes from such runs. Re-run with another class size: make test-classroom CLASSROOM_TEST_STUDENTS=4.

All the students run on this machine, and so do their browsers (a real class's browsers are on
the students' own computers), which makes these times an upper bound for the same server.
"""
import asyncio
import concurrent.futures
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

try:
    from playwright.async_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the test skips (or, under CI=true, fails) with the reason below
    PlaywrightTimeout = TimeoutError
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, skip_or_fail
from tests.browser.support import ARM_MOVE_JS

ROOT = Path(__file__).resolve().parents[2]
HUB_SCRIPT = ROOT / "tools" / "classroom" / "hub.py"
sys.path.insert(0, str(HUB_SCRIPT.parent))
import processes  # noqa: E402  (tools/classroom/processes.py: the run's processes in /proc)

STUDENTS = int(os.environ.get("COURSE_CLASSROOM_STUDENTS") or 8)
PASSWORD = "class-of-the-load-test"
MOVES = 10
NOTEBOOK_08 = "course/notebooks/08_diagnose_while_training.ipynb"
# Bounds: generous per step (a busy 2-core machine, S servers starting at once), and one for
# the whole class, after which every unfinished student counts as a failure.
HUB_READY_S = 120
OPEN_MS = 600_000
RUN_ALL_MS = 600_000
NEW_IMAGE_MS = 60_000
STEP_MS = 180_000
STALL_S = 90  # a student reloads a "starting" page that has not moved for this long
CLASS_BUDGET_S = 300 + 120 * STUDENTS
STOP_S = 120

KERNEL_READY_JS = """(suffix) => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.context || !panel.context.path.endsWith(suffix)) return false;
  const session = panel.sessionContext && panel.sessionContext.session;
  const kernel = session && session.kernel;
  return !!kernel && kernel.connectionStatus === "connected" && kernel.status === "idle";
}"""

# the notebook in front, read from its model (independent of which cells are drawn)
CELLS_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = [];
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== "code") continue;
    const errors = [];
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const output = outputs.get(i).toJSON();
      if (output.output_type === "error") errors.push(`${output.ename}: ${output.evalue}`);
      else if (output.output_type === "stream" && output.name === "stderr")
        errors.push(String(output.text).slice(0, 1000));
    }
    cells.push({count: cell.model.executionCount, source: cell.model.sharedModel.getSource(),
                errors});
  }
  return cells;
}"""

RUN_CELLS_JS = """async (indexes) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const codeCells = panel.content.widgets.filter(cell => cell.model.type === "code");
  for (const index of indexes) {
    panel.content.deselectAll();
    panel.content.activeCellIndex = panel.content.widgets.indexOf(codeCells[index]);
    await window.jupyterapp.commands.execute("notebook:run-cell");
  }
}"""

# what this student's JupyterLab uses: their own setting, else the default (which the server's
# overrides, i.e. binder/overrides.json, have replaced)
# notebook 08's dashboard in the notebook in front: its progress (% of the run), its Train button
DASHBOARD_JS = """() => [...window.jupyterapp.shell.currentWidget.node.querySelectorAll(
    ".jp-OutputArea-output")].find(output => [...output.querySelectorAll("button")]
      .some(button => button.textContent.includes("Train")))"""
PROGRESS_JS = f"""() => {{ const root = ({DASHBOARD_JS})();
  const bar = root && root.querySelector(".widget-hprogress .progress-bar");
  return bar ? parseFloat(bar.style.width) || 0 : -1; }}"""
TRAIN_ENABLED_JS = f"""() => {{ const root = ({DASHBOARD_JS})();
  const train = root && [...root.querySelectorAll("button")].find(b => b.textContent.includes("Train"));
  return !!train && train.disabled === false; }}"""

NEWS_SETTING_JS = """async () => {
  const plugin = await window.jupyterapp.serviceManager.settings.fetch(
    "@jupyterlab/apputils-extension:notification");
  const own = (plugin.settings || {}).fetchNews;
  return own !== undefined ? own : plugin.schema.properties.fetchNews.default;
}"""


def percentile(values, fraction):
    """The nearest-rank percentile (90th of 10 values: the 9th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def browser_cpu_seconds():
    """CPU time of the Chromium processes this test process started (live ones, with the
    children they have reaped): how much of the machine the students' browsers took, which a
    real class's server does not pay for."""
    parents, cpu = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        if "chrom" in command:
            cpu[int(entry.name)] = sum(int(v) for v in fields[11:15]) / processes.CLOCK_TICKS

    def ours(pid):
        while pid > 1:
            if pid == os.getpid():
                return True
            pid = parents.get(pid, 0)
        return False

    return sum(seconds for pid, seconds in cpu.items() if ours(pid))


def memory_of(run_id, student):
    mine = [p for p in processes.run_processes(run_id) if p.user == student]
    servers = [p for p in mine if p.role == "server"]
    kernels = [p for p in mine if p.role == "kernel"]
    return {"server_mib": sum(p.rss_mib for p in servers),
            "kernel_mib": sum(p.rss_mib for p in kernels), "kernels": len(kernels),
            "cpu_s": sum(p.cpu_seconds for p in mine)}


class StudentFailed(Exception):
    pass


async def wait_for_run(page, notebook, timeout_ms, want=None):
    """Wait until every code cell (or those in ``want``) has run, or one shows an error."""
    await page.wait_for_function(
        """(want) => { const panel = window.jupyterapp.shell.currentWidget;
          const cells = panel.content.widgets.filter(c => c.model.type === "code")
            .filter((c, i) => want === null || want.includes(i));
          const failed = cells.some(c => { const o = c.model.outputs;
            for (let i = 0; i < o.length; i++) if (o.get(i).type === "error") return true;
            return false; });
          return failed || cells.every(c => c.model.executionCount !== null); }""",
        arg=want, timeout=timeout_ms, polling=500)
    errors = [error for cell in await page.evaluate(CELLS_JS) for error in cell["errors"]]
    if errors:
        raise StudentFailed(f"{notebook}: error output in the browser:\n" + "\n---\n".join(errors))


async def clear_outputs(page):
    await page.evaluate(
        "async () => { await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs'); }")
    await page.wait_for_function(
        """() => window.jupyterapp.shell.currentWidget.content.widgets
             .every(c => c.model.type !== "code" || c.model.executionCount === null)""")


async def move_slider(page, moves):
    """Key presses on the first slider of the first slider figure; each must bring a new image."""
    root = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell-outputArea "
                        ".jp-OutputArea-output",
                        has=page.locator(".widget-slider .noUi-handle")).filter(
                            has=page.locator("img")).first
    await root.scroll_into_view_if_needed(timeout=STEP_MS)
    handle = root.locator(".widget-slider .noUi-handle").first  # with or without an aria-label
    await handle.focus()
    latencies = []
    for index in range(moves):
        now, low, high = [float(await handle.get_attribute(name))
                          for name in ("aria-valuenow", "aria-valuemin", "aria-valuemax")]
        go_right = (index % 2 == 0 and now < high) or now <= low
        await root.evaluate(ARM_MOVE_JS)
        await handle.press("ArrowRight" if go_right else "ArrowLeft")
        try:
            await page.wait_for_function("() => window.__move.imageAt !== null",
                                         timeout=NEW_IMAGE_MS, polling="raf")
        except Exception as error:
            raise StudentFailed(f"move {index + 1} of the slider (value {now}): no new image "
                                f"within {NEW_IMAGE_MS / 1000:.0f} s") from error
        latencies.append(await page.evaluate("() => window.__move.imageAt - window.__move.keyAt"))
    return latencies


async def train_then_stop(page):
    """Notebook 08: run the imports and the dashboard's cell, Train a long run, Stop it."""
    await page.evaluate("async (path) => { await window.jupyterapp.commands.execute("
                        "'docmanager:open', {path}); }", NOTEBOOK_08)
    await page.wait_for_function(KERNEL_READY_JS, arg=Path(NOTEBOOK_08).name, timeout=STEP_MS,
                                 polling=500)
    cells = await page.evaluate(CELLS_JS)
    imports = next(i for i, cell in enumerate(cells)
                   if "import" in cell["source"] and "training_dashboard" in cell["source"])
    dashboard = next(i for i, cell in enumerate(cells) if "training_dashboard()" in cell["source"])
    await clear_outputs(page)
    await page.evaluate(RUN_CELLS_JS, [imports, dashboard])
    await wait_for_run(page, "notebook 08", STEP_MS, want=[imports, dashboard])
    root = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output",
                        has=page.locator("button:has-text('Train')"))
    await root.scroll_into_view_if_needed(timeout=STEP_MS)
    # a long run, so that there is time to stop it even on a busy machine: batch norm, 3000 steps
    for label in ("batch norm", "3000"):
        choice = root.locator("select", has=page.locator(f"option:text-is('{label}')"))
        await choice.select_option(label=label)
    await page.wait_for_timeout(500)  # the new network's step 0 is drawn
    await root.locator("button:has-text('Train')").click()
    # looked up anew at every poll: the dashboard may redraw its progress bar
    await page.wait_for_function(f"() => ({PROGRESS_JS})() >= 3", timeout=STEP_MS, polling=250)
    await root.locator("button:has-text('Stop')").click()
    await page.wait_for_function(f"() => ({TRAIN_ENABLED_JS})()", timeout=STEP_MS, polling=250)
    stopped_at = await page.evaluate(PROGRESS_JS)
    await page.wait_for_timeout(1000)
    still = await page.evaluate(PROGRESS_JS)
    if not still == stopped_at < 100:
        raise StudentFailed(f"notebook 08: the run went on after Stop ({stopped_at}% -> {still}%)")
    errors = [error for cell in await page.evaluate(CELLS_JS) for error in cell["errors"]]
    if errors:
        raise StudentFailed("notebook 08: error output in the browser:\n" + "\n---\n".join(errors))
    return stopped_at


async def follow(page, url_pattern, deadline):
    """Wait until the page's address matches ``url_pattern``. The hub's "Your server is starting
    up" page and nbgitpuller's page wait for an event stream; with 12 students starting at once
    here, some pages never received a single event although their server was up (the hub's log
    shows the server ready and no request from the page's stream). A student would reload such
    a page; so does this test, after STALL_S seconds without a move, and counts the reloads."""
    reloads = 0
    while True:
        try:
            await page.wait_for_url(url_pattern,
                                    timeout=1000 * min(STALL_S, max(1, deadline - time.monotonic())))
            return reloads
        except PlaywrightTimeout:
            if time.monotonic() >= deadline:
                raise
            reloads += 1
            await page.reload()


async def one_student(browser, name, ready, result):
    """Everything one student does; what was measured goes into ``result`` as it happens."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(STEP_MS)
    try:
        result["step"] = "log in and open notebook 01"
        await page.goto(ready["link"])  # not logged in yet: the hub asks for the login first
        await page.fill("input[name=username]", name)
        await page.fill("input[name=password]", PASSWORD)
        start = time.monotonic()
        await page.click("#login_submit")
        # where the time goes: the hub starts the server (then nbgitpuller's page shows), the
        # clone (then JupyterLab's address), JupyterLab and the kernel starting in the browser
        deadline = start + OPEN_MS / 1000
        result["reloads"] = 0
        result["reloads"] += await follow(page, f"**/user/{name}/**", deadline)
        result["server_started_s"] = time.monotonic() - start
        result["reloads"] += await follow(page, "**/lab/tree/course/notebooks/01_*", deadline)
        result["cloned_s"] = time.monotonic() - start
        await page.wait_for_function(KERNEL_READY_JS, arg="01_product_of_matrices.ipynb",
                                     timeout=OPEN_MS, polling=500)
        result["open_s"] = time.monotonic() - start

        result["step"] = "run all of notebook 01"
        await clear_outputs(page)
        start = time.monotonic()
        await page.locator('.lm-MenuBar-itemLabel:text-is("Run")').click()
        await page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click()
        await wait_for_run(page, "notebook 01", RUN_ALL_MS)
        result["run_all_s"] = time.monotonic() - start

        result["step"] = "move notebook 01's slider"
        latencies = await move_slider(page, MOVES)
        result["moves"] = len(latencies)
        result["move_p50_ms"] = statistics.median(latencies)
        result["move_p90_ms"] = percentile(latencies, 0.9)
        result["after_01"] = memory_of(ready["run_id"], name)

        result["step"] = "notebook 08's dashboard: Train, then Stop"
        result["stopped_at_percent"] = await train_then_stop(page)
        result["news_setting"] = await page.evaluate(NEWS_SETTING_JS)
        result["news_toasts"] = await page.locator(".Toastify__toast", has_text="news").count()
        result["end"] = memory_of(ready["run_id"], name)
        del result["step"]
    except Exception as error:
        message = f"{type(error).__name__}: {error}".splitlines()[0][:300] \
            if not isinstance(error, StudentFailed) else str(error)[:2000]
        result["error"] = f"{result['step']}: {message}"
        try:
            await page.screenshot(path=str(ARTIFACTS / f"classroom-{name}.png"))
        except Exception:
            pass
    finally:
        await context.close()


async def the_class(ready):
    from playwright.async_api import async_playwright
    results = {name: {"student": name} for name in ready["students"]}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=CHROMIUM_ARGS)
        tasks = [asyncio.ensure_future(one_student(browser, name, ready, results[name]))
                 for name in ready["students"]]
        started = time.monotonic()
        done, pending = await asyncio.wait(tasks, timeout=CLASS_BUDGET_S)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        # where the machine's CPU went while the class ran: the browsers, and the hub's side
        # (hub, proxy, every server and kernel), against the wall-clock time of the class
        costs = {"class_wall_s": round(time.monotonic() - started, 1),
                 "browser_cpu_s": round(browser_cpu_seconds(), 1),
                 "hub_side_cpu_s": round(sum(p.cpu_seconds for p in
                                             processes.run_processes(ready["run_id"])), 1)}
        for result in results.values():
            if "end" not in result and "error" not in result:
                result["error"] = (f"{result.get('step', 'start')}: not finished within the "
                                   f"class's {CLASS_BUDGET_S} s")
        await browser.close()
    return list(results.values()), costs


def start_classroom(run_dir, ready_file, log):
    return subprocess.Popen(
        [sys.executable, str(HUB_SCRIPT), "--students", str(STUDENTS), "--password", PASSWORD,
         "--dir", str(run_dir), "--ready-file", str(ready_file), "--expose-app"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT,
        start_new_session=True)  # its own group: SIGINT to it is the instructor's Ctrl-C


def wait_for_ready(classroom, ready_file, log_path):
    deadline = time.monotonic() + HUB_READY_S
    while time.monotonic() < deadline:
        if ready_file.exists():
            return json.loads(ready_file.read_text())
        if classroom.poll() is not None:
            break
        time.sleep(0.5)
    pytest.fail(f"the classroom hub did not come up within {HUB_READY_S} s:\n"
                f"{log_path.read_text(errors='replace')[-3000:]}")


def table(results):
    rows = [f"classroom S={STUDENTS}: student   open_s  run_all_s  move_p50_ms  move_p90_ms  "
            f"server_MiB  kernel_MiB(01)  end: kernels_MiB(n)  cpu_s  reloads"]
    for r in results:
        if "error" in r and "after_01" not in r:
            rows.append(f"classroom S={STUDENTS}: {r['student']}  FAILED: {r['error'][:150]}")
            continue
        end = r.get("end") or r["after_01"]
        rows.append(
            f"classroom S={STUDENTS}: {r['student']}  {r['open_s']:6.1f}  {r['run_all_s']:9.1f}  "
            f"{r['move_p50_ms']:11.0f}  {r['move_p90_ms']:11.0f}  {end['server_mib']:10.0f}  "
            f"{r['after_01']['kernel_mib']:14.0f}  {end['kernel_mib']:12.0f}({end['kernels']})  "
            f"{end['cpu_s']:5.0f}  {r['reloads']:7d}"
            + ("" if "error" not in r else f"  FAILED: {r['error'][:100]}"))
    return rows


def summary(results, conditions):
    finished = [r for r in results if "end" in r]
    if not finished:
        return {}
    median = lambda key, part=None: statistics.median(  # noqa: E731
        (r[part][key] if part else r[key]) for r in finished)
    per_student_mib = [r["end"]["server_mib"] + r["end"]["kernel_mib"] for r in finished]
    return {
        "students": STUDENTS, "finished": len(finished), **conditions,
        "open_s_median": median("open_s"), "open_s_max": max(r["open_s"] for r in finished),
        "server_started_s_median": median("server_started_s"),
        "cloned_s_median": median("cloned_s"),
        "run_all_s_median": median("run_all_s"),
        "run_all_s_max": max(r["run_all_s"] for r in finished),
        "move_p50_ms_median": median("move_p50_ms"),
        "move_p90_ms_max": max(r["move_p90_ms"] for r in finished),
        "server_mib_median": median("server_mib", "end"),
        "kernel_mib_after_01_median": median("kernel_mib", "after_01"),
        "kernels_mib_end_median": median("kernel_mib", "end"),
        "mib_per_student_median": statistics.median(per_student_mib),
        "cpu_s_per_student_median": median("cpu_s", "end"),
        "reloads": sum(r["reloads"] for r in finished),
    }


def test_a_class_at_once_on_the_local_hub(tmp_path, report):
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing (tools/install_browser.sh installs it)")
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        skip_or_fail("playwright is not installed (it is pinned in requirements-dev.txt)")
    if not (HUB_SCRIPT.parent / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        skip_or_fail("the classroom is not installed: make test-classroom installs it")
    ARTIFACTS.mkdir(exist_ok=True)
    run_dir, ready_file = tmp_path / "classroom", tmp_path / "ready.json"
    log_path = ARTIFACTS / f"classroom-{STUDENTS}-hub.log"
    load_before, started = os.getloadavg(), time.monotonic()
    ready = None
    with log_path.open("w") as log:
        classroom = start_classroom(run_dir, ready_file, log)
    try:
        ready = wait_for_ready(classroom, ready_file, log_path)
        assert len(ready["students"]) == STUDENTS
        # its own thread and event loop: nothing else in this process may be running one
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            results, costs = pool.submit(asyncio.run, the_class(ready)).result()
        conditions = {**costs, "cores": os.cpu_count(),
                      "load_average_before": round(load_before[0], 2),
                      "load_average_after": round(os.getloadavg()[0], 2),
                      "wall_s": round(time.monotonic() - started, 1), "moves": MOVES}
        hub_side = processes.run_processes(ready["run_id"])
        conditions["hub_and_proxy_mib"] = round(sum(p.rss_mib for p in hub_side
                                                    if p.role in ("hub", "proxy")), 1)
    finally:
        # the instructor's Ctrl-C: SIGINT to the script's process group
        if classroom.poll() is None:
            os.killpg(classroom.pid, signal.SIGINT)
        try:
            classroom.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            os.killpg(classroom.pid, signal.SIGKILL)
            classroom.wait()
        left = processes.stop_run_processes(ready["run_id"]) if ready else []
        hub_log = run_dir / "hub" / "jupyterhub.log"
        if hub_log.exists():  # the hub's and the students' servers' log, kept for a failure
            shutil.copy(hub_log, ARTIFACTS / f"classroom-{STUDENTS}-jupyterhub.log")

    for line in table(results):
        report(line)
    overview = summary(results, conditions)
    if overview:
        report(f"classroom S={STUDENTS}: medians over students: open {overview['open_s_median']:.0f} s, "
               f"(server up {overview['server_started_s_median']:.0f} s, course cloned "
               f"{overview['cloned_s_median']:.0f} s), "
               f"run all {overview['run_all_s_median']:.0f} s, move p50 "
               f"{overview['move_p50_ms_median']:.0f} ms (worst p90 {overview['move_p90_ms_max']:.0f} ms), "
               f"{overview['mib_per_student_median']:.0f} MiB per student at the end (server "
               f"{overview['server_mib_median']:.0f} + kernels {overview['kernels_mib_end_median']:.0f}; "
               f"kernel after notebook 01 {overview['kernel_mib_after_01_median']:.0f}); "
               f"{overview['reloads']} reload(s) of a stalled page; "
               f"{conditions['cores']} cores, load average {conditions['load_average_before']} before, "
               f"{conditions['wall_s']:.0f} s in all; CPU while the class ran "
               f"({conditions['class_wall_s']:.0f} s): hub side {conditions['hub_side_cpu_s']:.0f} s, "
               f"browsers {conditions['browser_cpu_s']:.0f} s")
    (ARTIFACTS / f"classroom-{STUDENTS}.json").write_text(
        json.dumps({"summary": overview, "students": results}, indent=2))

    failed = {r["student"]: r["error"] for r in results if "error" in r}
    assert not failed, "students who could not finish:\n" + "\n".join(
        f"{name}: {error}" for name, error in failed.items())
    assert all(r["moves"] == MOVES for r in results)  # every move answered with a new image
    assert all(r["news_setting"] == "false" and r["news_toasts"] == 0 for r in results), \
        "binder/overrides.json did not reach the students' JupyterLab (the news question)"
    assert classroom.returncode == 0, f"the classroom script exited with {classroom.returncode}:\n" \
        f"{log_path.read_text(errors='replace')[-2000:]}"
    assert "nothing of this run is left running" in log_path.read_text()
    assert not left, f"still running after Ctrl-C: {[(p.role, p.pid) for p in left]}"
