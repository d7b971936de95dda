"""The lecture's "All figures" page in a real browser: Voilà serves instructor/dashboard.ipynb
(the lecture, tests/browser/test_lecture.py), headless Chromium opens it and clicks "All
figures", and every tab must show its figure; moving a slider must change the picture.

Uses the fixtures of tests/browser/conftest.py (``browser``/``page`` skip with the reason
when Chromium or Playwright is missing, and fail under CI=true; ``start_server`` runs the
server on a free 127.0.0.1 port and stops it at the end). The command is the one
``make present`` runs, on another port.
"""
import statistics
import time
from pathlib import Path

import pytest

from helpers.dashboard import tab_title
from helpers.figures import FIGURES
from tests.browser.support import start_voila

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "instructor" / "dashboard.ipynb"
PAGE_TIMEOUT_MS = 180_000  # Voilà runs the notebook before the page shows anything
FIGURE_TIMEOUT_MS = 60_000
NEW_IMAGE_TIMEOUT_MS = 20_000

# the picture in the tab page that is showing (hidden pages carry lm-mod-hidden)
VISIBLE_IMAGE = ".widget-tab-contents > :not(.lm-mod-hidden) img"
VISIBLE_HANDLE = ".widget-tab-contents > :not(.lm-mod-hidden) .widget-slider .noUi-handle"

# window.nextImage: resolves with the time (ms) from now until the visible image gets a new
# src (kept in a window variable: evaluate() would wait for a promise it returned)
WATCH_NEXT_IMAGE_JS = """(selector) => { window.nextImage = new Promise((resolve, reject) => {
  const image = document.querySelector(selector);
  if (!image) { reject(new Error("no image for " + selector)); return; }
  const start = performance.now();
  const observer = new MutationObserver(() => {
    observer.disconnect();
    resolve(performance.now() - start);
  });
  observer.observe(image, {attributes: true, attributeFilter: ["src"]});
  setTimeout(() => { observer.disconnect(); reject(new Error("no new image")); }, %d);
}); }""" % NEW_IMAGE_TIMEOUT_MS


@pytest.fixture(scope="module")
def voila(start_server):
    return start_voila(start_server, DASHBOARD, "voila")


def open_all_figures(page):
    """Open the lecture, then its "All figures" page (the first tab's figure built)."""
    page.locator("button:has-text('All figures')").first.click()
    page.wait_for_selector(f"{VISIBLE_IMAGE}[src]", timeout=PAGE_TIMEOUT_MS)


def move_first_slider(page):
    """Press ArrowRight on the visible tab's first slider; return ms until the new image."""
    handle = page.locator(VISIBLE_HANDLE).first
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.evaluate(WATCH_NEXT_IMAGE_JS, VISIBLE_IMAGE)
    page.keyboard.press("ArrowRight")
    return page.evaluate("() => window.nextImage")


def test_instructor_view_shows_every_figure_without_code_and_sliders_redraw(voila, page, report):
    started = time.monotonic()
    page.goto(voila.url + "/", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector("img.lecture-image[src]", timeout=PAGE_TIMEOUT_MS)
    load_seconds = time.monotonic() - started
    open_all_figures(page)
    body = page.inner_text("body")
    assert "course_dashboard" not in body, "Voilà should hide the code"
    assert "Traceback" not in body

    latencies = {}
    for name in FIGURES:
        page.locator(".lm-TabBar-tabLabel", has_text=tab_title(name)).first.click()
        page.wait_for_selector(f"{VISIBLE_IMAGE}[src]", timeout=FIGURE_TIMEOUT_MS)
        visible = page.locator(".widget-tab-contents > :not(.lm-mod-hidden)").first
        assert "could not be built" not in visible.inner_text(), visible.inner_text()
        before = page.locator(VISIBLE_IMAGE).first.get_attribute("src")
        latencies[name] = move_first_slider(page)
        after = page.locator(VISIBLE_IMAGE).first.get_attribute("src")
        assert after and after != before, f"{name}: the picture did not change"

    report(f"voila lecture, all figures: page with first figure in {load_seconds:.1f} s; "
           f"keypress -> new image median {statistics.median(latencies.values()):.0f} ms "
           f"over {len(latencies)} figures (max {max(latencies.values()):.0f} ms, "
           f"{max(latencies, key=latencies.get)})")


def test_the_training_dashboard_trains_and_stops_in_the_instructor_view(voila, page, report):
    """The one figure with buttons: Train runs in the background in Voilà's kernel too, and
    Stop ends the run part-way."""
    page.goto(voila.url + "/", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector("img.lecture-image[src]", timeout=PAGE_TIMEOUT_MS)
    open_all_figures(page)
    page.locator(".lm-TabBar-tabLabel", has_text=tab_title("08_training_dashboard")).first.click()
    page.wait_for_selector(f"{VISIBLE_IMAGE}[src]", timeout=FIGURE_TIMEOUT_MS)
    visible = page.locator(".widget-tab-contents > :not(.lm-mod-hidden)").first
    visible.locator("select").nth(4).select_option(label="3000")  # a run long enough to stop
    page.wait_for_timeout(500)
    progress = visible.locator(".widget-hprogress .progress-bar")
    visible.locator("button:has-text('Train')").click()
    page.wait_for_function("(bar) => parseFloat(bar.style.width) >= 3",
                           arg=progress.element_handle(), timeout=60_000)
    visible.locator("button:has-text('Stop')").click()
    page.wait_for_function("(button) => !button.disabled",
                           arg=visible.locator("button:has-text('Train')").element_handle(),
                           timeout=30_000)
    width = progress.get_attribute("style").split("width:")[1].split("%")[0]
    assert float(width) < 100, "the run should have stopped part-way"
    report(f"voila training dashboard: Train, then Stop at {float(width):.0f}% of 3000 steps")
