"""The static edition's offline parts (tools/build_html.py): formulas as MathML, alt text on
every picture, closed "Going deeper" sections, nothing fetched when a page is viewed, and a
complete one-sentence summary per notebook on the index."""
import re
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

from helpers.lecture_steps import SUMMARIES
from tools.build_html import (MATHJAX_MARK, PLACEHOLDER_ALT, REQUIRE_JS_MARK, build, export,
                              fold_deeper_sections, missing_descriptions, written_descriptions)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FIXTURE = ROOT / "tests" / "fixtures" / "deeper_sections.ipynb"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return out, build(out)


def visible_text(page):
    """The page's text outside <script>, <style>, <pre>, <code> and <math>."""
    page = re.sub(r"<(script|style|pre|code|math)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def test_formulas_are_mathml_and_no_tex_is_left_in_the_text(site):
    out, _ = site
    for page in out.glob("*.html"):
        text = page.read_text()
        shown = visible_text(text)
        assert "$" not in shown, (page.name, shown[max(0, shown.find("$") - 60):][:120])
        assert not re.search(r"\\[a-zA-Z]+", shown), (page.name, re.findall(r".{30}\\[a-zA-Z]+.{10}", shown)[:3])
        assert "MATHXX" not in text
        if page.name != "index.html":
            assert text.count("<math") >= 10, page.name


def test_a_page_fetches_nothing_when_viewed(site):
    out, _ = site
    for page in out.glob("*.html"):
        text = page.read_text()
        sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:[^"]+)"', text)
        assert not sources, (page.name, sources)
        assert MATHJAX_MARK not in text and REQUIRE_JS_MARK not in text and "MathJax.Hub" not in text


def test_every_picture_has_its_caption_or_a_written_description(site):
    out, _ = site
    for page in out.glob("*.html"):
        text = page.read_text()
        assert PLACEHOLDER_ALT not in text, page.name
        assert "no written description yet" not in text, page.name
        for alt in re.findall(r'<img[^>]*\balt="([^"]*)"', text):
            assert len(alt) > 40, (page.name, alt)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_every_static_picture_has_a_written_description(notebook):
    missing = missing_descriptions(nbformat.read(notebook, as_version=4), written_descriptions())
    assert not missing, (f"{notebook.name}: describe the picture of cell(s) {missing} in "
                         "tools/figure_descriptions.json (its alt text in the static edition)")


def test_the_index_gives_each_notebook_one_complete_sentence(site):
    out, entries = site
    index = " ".join(visible_text((out / "index.html").read_text()).split())
    for name, _, summary in entries:
        assert summary == SUMMARIES[name[:2]] and summary.endswith(".")
        last_words = " ".join(summary.split()[-4:])  # the sentence is there to its end
        assert last_words in index, (name, last_words)


def test_deeper_cells_become_one_closed_details_with_their_heading_as_summary():
    notebook = nbformat.read(FIXTURE, as_version=4)
    page = export(notebook, HTMLExporter(template_name="lab", mathjax_url=MATHJAX_MARK,
                                         require_js_url=REQUIRE_JS_MARK), "fixture", "fixture")
    details = re.findall(r"<details\b[^>]*>.*?</details>", page, flags=re.S)
    assert len(details) == 1 and "<details open" not in page
    (section,) = details
    assert "<summary>" in section and "Going deeper: where" in section and "<math" in section
    assert "deeper_value" in section and "core = 1 + 1" not in section
    assert "Back in the core" not in section and "Back in the core" in page


def test_folding_keeps_every_cell_and_drops_only_the_heading_line():
    notebook = nbformat.read(FIXTURE, as_version=4)
    before = [cell.source for cell in notebook.cells]
    assert fold_deeper_sections(notebook) == ["Going deeper: where $\\xi = -1/\\ln \\chi_1$ comes from"]
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds.count("raw") == 2
    kept = [cell.source for cell in notebook.cells if cell.cell_type != "raw"]
    assert kept == before[:2] + before[3:]  # the heading-only cell became the summary
