"""The static HTML edition (`make html`) in a real browser: build it, serve it over HTTP, open
the index page and a notebook page, follow a link, and see the figures (every picture loaded,
the slider figures' stored pictures among them)."""
import sys

import pytest

from tools.build_html import build

DOM_READY = "domcontentloaded"  # MathJax comes from its CDN, which this machine cannot reach

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
