"""The lecture in a real browser, driven by the keyboard alone, at two projector windows.

Voilà serves instructor/dashboard.ipynb as ``make present`` does (its template, in
instructor/jupyter, loads nothing from the network); headless Chromium opens it at 1280×720 and
at 1920×1080 and goes from the first step to the last with PageDown. On every step: the
figure fills at least 80% of the page's width, is drawn with at least one picture pixel per
screen pixel, its smallest text is at least 18 px tall on screen, the headline at least 32 px
and the body at least 24 px; a live figure's sliders are named for screen readers, and one of
them, reached with Tab and moved with ArrowRight, brings a new picture. No request leaves the
machine and the console shows no error.
"""
import statistics
from pathlib import Path

import pytest

from helpers.lecture_steps import STEPS
from tests.browser.support import start_voila

ROOT = Path(__file__).resolve().parents[2]
LECTURE = ROOT / "instructor" / "dashboard.ipynb"
PAGE_TIMEOUT_MS = 180_000
STEP_TIMEOUT_MS = 60_000
WINDOWS = [(1280, 720), (1920, 1080)]
MIN_FIGURE_SHARE, MIN_TEXT_PX, MIN_HEADLINE_PX, MIN_BODY_PX = 0.80, 18, 32, 24
# the names a screen reader must announce, per slider label on the page
SLIDER_NAMES = {"depth L", "weight scale", "width n", "layers shown, from", "layers shown, to",
                "steps T", "spectral radius ρ of W_h", "forget-gate bias b_f", "σ_w²", "σ_b²"}

MEASURE_JS = """() => {
  const img = document.querySelector("img.lecture-image");
  const headline = document.querySelector(".lecture-headline");
  const body = [...document.querySelectorAll(".lecture-page .widget-html-content div")];
  const rect = img ? img.getBoundingClientRect() : null;
  return {
    page: document.documentElement.clientWidth, ratio: window.devicePixelRatio,
    shown: rect ? rect.width : 0, natural: img ? img.naturalWidth : 0,
    loaded: !!(img && img.complete && img.naturalWidth > 0),
    textPx: img ? parseFloat(img.dataset.textPx || "0") : 0, alt: img ? img.alt : "",
    headline: headline ? parseFloat(getComputedStyle(headline).fontSize) : 0,
    headlineText: headline ? headline.textContent : "",
    body: body.length ? Math.min(...body.map(d => parseFloat(getComputedStyle(d).fontSize))) : 0,
    position: (document.querySelector(".lecture-root") || document.body).innerText.slice(0, 40),
  };
}"""

WATCH_NEXT_IMAGE_JS = """() => { window.nextImage = new Promise((resolve, reject) => {
  const image = document.querySelector("img.lecture-image");
  const start = performance.now();
  const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - start); });
  observer.observe(image, {attributes: true, attributeFilter: ["src"]});
  setTimeout(() => { observer.disconnect(); reject(new Error("no new image")); }, 20000);
}); }"""


@pytest.fixture(scope="module")
def voila(start_server):
    return start_voila(start_server, LECTURE, "voila-lecture")


def wait_for_step(page, number, headline):
    """Until step ``number`` shows, with its picture drawn for this window (the kernel redraws
    a live figure once the page has said how wide it is)."""
    page.wait_for_function(
        """([n, headline]) => { const root = document.querySelector('.lecture-root');
                    const img = document.querySelector('img.lecture-image');
                    const title = document.querySelector('.lecture-headline');
                    if (!root || !root.innerText.includes(`Step ${n} of`) || !img || !title ||
                        title.textContent !== headline) return false;
                    const shown = img.getBoundingClientRect().width;
                    return img.complete && shown >= 0.8 * document.documentElement.clientWidth &&
                           img.naturalWidth >= shown * devicePixelRatio - 2; }""",
        arg=[number, headline], timeout=STEP_TIMEOUT_MS)


def tab_to_a_slider(page, limit=25):
    """Press Tab until a slider handle has the focus; its accessible name, or None."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate("() => { const e = document.activeElement; return e && "
                             "e.classList.contains('noUi-handle') ? e.getAttribute('aria-label')"
                             " : null; }")
        if name:
            return name
    return None


@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: f"{w[0]}x{w[1]}")
def test_the_whole_lecture_by_keyboard_at_projector_scale(voila, browser, window, report):
    width, height = window
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    errors, outside = [], []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    try:
        page.goto(voila.url + "/", timeout=PAGE_TIMEOUT_MS)
        wait_for_step(page, 1, STEPS[0].headline)
        seen, latencies, named = [], [], set()
        for number, step in enumerate(STEPS, start=1):
            if number > 1:
                page.keyboard.press("PageDown")  # what a clicker sends
                wait_for_step(page, number, step.headline)
            shown = page.evaluate(MEASURE_JS)
            assert step.headline == shown["headlineText"], (number, shown["headlineText"])
            assert shown["shown"] >= MIN_FIGURE_SHARE * shown["page"], (number, shown)
            assert shown["natural"] >= shown["shown"] * shown["ratio"] - 1, (number, shown)
            on_screen_text = shown["textPx"] * shown["shown"] / shown["natural"]
            assert on_screen_text >= MIN_TEXT_PX, (number, on_screen_text, shown)
            assert shown["headline"] >= MIN_HEADLINE_PX and shown["body"] >= MIN_BODY_PX, shown
            assert shown["alt"] and "No description" not in shown["alt"]
            seen.append((shown["shown"] / shown["page"], on_screen_text))
            if step.figure:
                for name in page.evaluate("() => [...document.querySelectorAll('.lecture-page "
                                          ".noUi-handle')].map(h => h.getAttribute('aria-label'))"):
                    assert name in SLIDER_NAMES, f"step {number}: a slider named {name!r}"
                    assert page.get_by_role("slider", name=name).count() >= 1
                    named.add(name)
                name = tab_to_a_slider(page)
                assert name, f"step {number}: Tab never reached a slider"
                before = page.locator("img.lecture-image").get_attribute("src")
                page.evaluate(WATCH_NEXT_IMAGE_JS)
                page.keyboard.press("ArrowRight")  # the focused slider moves; the page stays
                latencies.append(page.evaluate("() => window.nextImage"))
                assert page.locator("img.lecture-image").get_attribute("src") != before
                assert f"Step {number} of" in page.evaluate(MEASURE_JS)["position"]
        page.keyboard.press("PageUp")
        wait_for_step(page, len(STEPS) - 1, STEPS[-2].headline)
        assert not errors, errors
        assert not outside, f"requests that left the machine: {outside}"
        assert {"depth L", "weight scale"} <= named
        report(f"lecture {width}x{height}: {len(STEPS)} steps by keyboard; figure width "
               f"{min(s for s, _ in seen):.0%}–{max(s for s, _ in seen):.0%} of the page; "
               f"smallest text on screen {min(t for _, t in seen):.1f} px; slider key -> new "
               f"image median {statistics.median(latencies):.0f} ms over {len(latencies)} steps")
    finally:
        context.close()
