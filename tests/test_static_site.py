"""The static HTML edition (tools/build_html.py, `make html`), built from the stored notebooks."""
import re
from pathlib import Path

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
