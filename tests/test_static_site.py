"""The static HTML edition (tools/build_html.py, `make html`), built from the stored notebooks."""
import re
from pathlib import Path

import nbformat
import pytest

from tools.build_html import build

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build(out)
    return out


def test_one_page_per_notebook_and_an_index_that_links_them_all(site):
    pages = {path.stem for path in NOTEBOOKS}
    assert {path.stem for path in site.glob("*.html")} == pages | {"index"}
    index = (site / "index.html").read_text()
    for stem in pages:
        assert f'href="{stem}.html"' in index


def test_links_between_notebooks_point_at_pages_that_exist(site):
    for page in site.glob("*.html"):
        text = page.read_text()
        assert not re.search(r'href="[^"]*\.ipynb', text), f"{page.name} links to a notebook file"
        for target in re.findall(r'href="(\d\d_[\w-]+\.html)', text):
            assert (site / target).exists(), f"{page.name} links to a missing {target}"


def test_every_page_says_how_to_run_it_live(site):
    for page in site.glob("*.html"):
        assert "make lab" in page.read_text(), page.name


def slider_outputs(notebook_path):
    """The stored outputs of the notebook's live slider figures (their widget view)."""
    notebook = nbformat.read(notebook_path, as_version=4)
    return [output for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.get("outputs", [])
            if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
            and "IntProgress" not in output["data"].get("text/plain", "")]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_every_stored_slider_figure_carries_its_picture_and_a_caption(notebook):
    outputs = slider_outputs(notebook)
    assert outputs, f"{notebook.name} has no slider figure"
    for output in outputs:
        assert "image/png" in output["data"], f"{notebook.name}: a slider figure without a picture"
        caption = output["data"]["text/plain"]
        assert caption.startswith("Live figure with controls for"), caption[:80]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_the_html_page_shows_every_picture_and_no_widget_text(site, notebook):
    page = (site / f"{notebook.stem}.html").read_text()
    stored = nbformat.read(notebook, as_version=4)
    pictures = sum("image/png" in output.get("data", {}) for cell in stored.cells
                   if cell.cell_type == "code" for output in cell.get("outputs", []))
    assert pictures >= len(slider_outputs(notebook))
    assert page.count("<img") == pictures, f"{notebook.name}: not every picture is on the page"
    assert "VBox(" not in page
