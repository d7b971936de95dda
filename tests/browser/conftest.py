"""Fixtures for tests that drive a real browser (headless Debian Chromium through Playwright).

Reusable pieces:
- ``browser``: a Playwright Chromium browser (session), launched with the flags in the guide;
  the tests skip with the reason when /usr/bin/chromium or playwright is missing, and FAIL
  instead when the environment variable CI is true (CI must run them, not skip them).
- ``page``: a fresh page per test; if the test fails, a screenshot goes to test-artifacts/.
- ``start_server``: ``start_server(command, ready_path="/", name=...)`` runs a server on a
  free 127.0.0.1 port (``{port}`` in the command is replaced), waits (bounded) until
  ``ready_path`` answers over HTTP, and stops it (the whole process group) at the end of the
  session or on ``server.stop()``. Its output goes to test-artifacts/<name>.log.
- ``report``: ``report("line")`` prints a line in the terminal summary of the run (also under
  pytest-xdist) and appends it to test-artifacts/browser-results.txt (emptied at the start
  of each run by tests/conftest.py).
"""
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

# the browser, its flags and where results go: tools/settings.py (tests/conftest.py put
# tools/ on the path; it also prints the SUMMARY_PROPERTY lines at the end of the run)
from settings import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, RESULTS_FILE, ROOT, SUMMARY_PROPERTY


def running_in_ci():
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def skip_or_fail(reason):
    """Skip locally; under CI=true a missing browser is a failure (the test must run there)."""
    if running_in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run; see tools/install_browser.sh)",
                    pytrace=False)
    pytest.skip(reason)


# ----- results in the terminal summary ------------------------------------------------------

@pytest.fixture
def report(record_property):
    """``report(line)``: show ``line`` in the run's terminal summary (tests/conftest.py prints
    it, also under pytest-xdist) and append it to test-artifacts/browser-results.txt."""
    ARTIFACTS.mkdir(exist_ok=True)

    def write(line):
        record_property(SUMMARY_PROPERTY, line)
        with RESULTS_FILE.open("a") as results:  # one short append per line: safe across workers
            results.write(line.rstrip("\n") + "\n")

    return write


# ----- the browser ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing: install Debian's chromium "
                     "(make test does it as root: tools/install_browser.sh)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (it is pinned in requirements-dev.txt)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)  # the page fixture looks at rep_call


def artifact_name(nodeid):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:150]


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    call = getattr(request.node, "rep_call", None)
    if call is not None and call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{artifact_name(request.node.nodeid)}.png"),
                            full_page=True)
        except Exception as error:  # a dead page must not hide the test's own failure
            print(f"screenshot failed: {error}")
    context.close()


# ----- servers on a free local port ----------------------------------------------------------

def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, grace_seconds=10):
        """SIGTERM the server's process group (it and the kernels it started), then SIGKILL."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=grace_seconds)
        except ProcessLookupError:
            pass


def wait_until_answering(server, path, timeout):
    """Poll ``server.url + path`` until it answers (any HTTP status below 500); bounded."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with code {server.process.returncode}:\n"
                               f"{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + path, timeout=2):
                return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{server.name} did not answer on {server.url + path} within "
                       f"{timeout} s:\n{server.log_tail()}")


@pytest.fixture(scope="session")
def start_server():
    """Factory: ``start_server(command, ready_path="/", name="server", env=None, cwd=None,
    timeout=90)`` -> :class:`Server`. ``{port}`` in the command becomes a free local port."""
    started = []
    ARTIFACTS.mkdir(exist_ok=True)

    def start(command, ready_path="/", name="server", env=None, cwd=None, timeout=90):
        port = free_port()
        command = [str(part).replace("{port}", str(port)) for part in command]
        log_path = ARTIFACTS / f"{name}.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, cwd=cwd,
                                       env={**os.environ, **(env or {})},
                                       start_new_session=True)  # its own group: stop() ends all
        server = Server(name, port, process, log_path)
        started.append(server)
        try:
            wait_until_answering(server, ready_path, timeout)
        except Exception:
            server.stop()
            raise
        return server

    yield start
    for server in started:
        server.stop()
