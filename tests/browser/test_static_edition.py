"""The static HTML edition (`make html`) in a real browser: build it, serve it over HTTP, open
the index page and a notebook page, follow a link, and see the figures (every picture loaded,
the slider figures' stored pictures among them). Then open every page from disk (file://)
with the network off: no raw TeX left, every image described, no request, no console error;
and a "Going deeper" section (a small fixture notebook) closed until clicked."""
import sys
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

from tools.build_html import MATHJAX_MARK, REQUIRE_JS_MARK, build, export

ROOT = Path(__file__).resolve().parents[2]
DOM_READY = "domcontentloaded"

PICTURES_JS = """() => {
  const images = [...document.querySelectorAll(".jp-OutputArea-output img")];
  return {all: images.length,
          loaded: images.filter(img => img.complete && img.naturalWidth > 0).length,
          text: document.body.innerText};
}"""


@pytest.fixture(scope="module")
def site(browser, start_server, tmp_path_factory):  # browser first: skip before building
    out = tmp_path_factory.mktemp("site")
    entries = build(out)
    server = start_server([sys.executable, "-m", "http.server", "{port}", "--bind", "127.0.0.1",
                           "--directory", str(out)], ready_path="/index.html", name="static-site")
    yield server, entries
    server.stop()


def test_the_index_links_every_notebook_and_a_page_shows_its_figures(site, page):
    server, entries = site
    page.goto(f"{server.url}/index.html", wait_until=DOM_READY)
    for name, title, _ in entries:
        assert page.locator(f'a[href="{name}"]').count() >= 1, f"the index has no link to {title}"
    first_name, first_title, _ = entries[0]
    page.locator(f'a[href="{first_name}"]').first.click()
    page.wait_for_url(f"**/{first_name}", wait_until=DOM_READY)
    page.wait_for_function(f"() => ({PICTURES_JS})().loaded >= 1", timeout=30_000)
    shown = page.evaluate(PICTURES_JS)
    assert shown["loaded"] == shown["all"] >= 1, shown
    assert "VBox(" not in shown["text"] and "make lab" in shown["text"]


@pytest.mark.parametrize("page_name", ["03_activation_derivatives.html",
                                       "07_beyond_the_sources.html"])
def test_a_notebook_page_shows_every_picture(site, page, page_name):
    server, _ = site
    page.goto(f"{server.url}/{page_name}", wait_until=DOM_READY)
    page.wait_for_function(f"() => ({PICTURES_JS})().loaded >= 1", timeout=30_000)
    shown = page.evaluate(PICTURES_JS)
    assert shown["loaded"] == shown["all"] >= 1, shown
    assert "VBox(" not in shown["text"]


# ----- from disk, with the network off ------------------------------------------------------

OFFLINE_TEXT_JS = """() => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll("pre, code, script, style, math").forEach(e => e.remove());
  return {text: clone.innerText,
          maths: document.querySelectorAll("math").length,
          placeholders: [...document.querySelectorAll("img")].filter(
              img => img.alt === "" || img.alt.startsWith("No description")).length,
          images: document.querySelectorAll("img").length,
          loaded: [...document.querySelectorAll("img")].filter(
              img => img.complete && img.naturalWidth > 0).length};
}"""


@pytest.fixture(scope="module")
def site_on_disk(browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("site-on-disk")
    build(out)
    fixture = ROOT / "tests" / "fixtures" / "deeper_sections.ipynb"
    exporter = HTMLExporter(template_name="lab", mathjax_url=MATHJAX_MARK,
                            require_js_url=REQUIRE_JS_MARK)
    (out / "fixture_deeper.html").write_text(
        export(nbformat.read(fixture, as_version=4), exporter, "fixture", "fixture"))
    return out


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_offline(True)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url)
            if not request.url.startswith(("file:", "data:")) else None)
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    yield page, requests, errors
    context.close()


@pytest.mark.parametrize("name", ["index.html"] + [f"{path.stem}.html" for path in sorted(
    (ROOT / "notebooks").glob("*.ipynb"))])
def test_opened_from_disk_offline_every_formula_renders_and_every_image_is_described(
        site_on_disk, offline_page, name):
    page, requests, errors = offline_page
    page.goto((site_on_disk / name).as_uri(), wait_until="load")
    shown = page.evaluate(OFFLINE_TEXT_JS)
    text = shown["text"]
    assert "$" not in text, text[max(0, text.find("$") - 80):][:160]
    assert "\\" not in text, text[max(0, text.find("\\") - 80):][:160]
    assert shown["placeholders"] == 0 and shown["loaded"] == shown["images"]
    if name != "index.html":
        assert shown["maths"] >= 10 and shown["images"] >= 1
    assert not requests, requests
    assert not errors, errors


def test_a_deeper_section_is_closed_and_opens_on_click(site_on_disk, offline_page):
    page, _, errors = offline_page
    page.goto((site_on_disk / "fixture_deeper.html").as_uri(), wait_until="load")
    details = page.locator("details.deeper")
    assert details.count() == 1
    assert details.evaluate("d => d.open") is False
    assert not page.get_by_text("deeper_value = 2 * 21").is_visible()
    details.locator("summary").click()
    assert details.evaluate("d => d.open") is True
    assert page.get_by_text("deeper_value = 2 * 21").is_visible()
    assert not errors, errors
