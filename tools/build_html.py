"""Build the static HTML edition of the course from the stored notebooks (no kernel, no network).

    python tools/build_html.py            # or: make html   -> _site/index.html
    python tools/build_html.py --out DIR

Every notebook in notebooks/ becomes one page (nbconvert's "lab" template), with a note at the
top on how to run it live; links between notebooks point at the pages; an index page lists
them all, each with a one-sentence summary. The slider figures show the picture stored with
them (their default setting).

Nothing is loaded when a page is viewed, so it reads the same from disk with no network:
- **Formulas** are turned into MathML when the site is built (latex2mathml, pure Python).
  Browsers draw MathML themselves and screen readers read it; no MathJax, no CDN. (Measured
  here: about 1,070 formulas in well under a second; a MathJax bundle would add megabytes to
  the site and its fonts do not load from file:// pages.)
- **Images** carry alt text: a live figure's stored caption (its text/plain), or the written
  description of a static picture from tools/figure_descriptions.json.
- **"Going deeper" sections** (cells tagged ``deeper``) are closed ``<details>`` that open on
  click, their heading as the summary.

With GITHUB_REPOSITORY set (as in a GitHub workflow), every page also links to the same
notebook on Binder.
"""
import argparse
import html
import json
import os
import re
import sys
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from latex2mathml.converter import convert as tex_to_mathml
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.lecture_steps import SUMMARIES  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
DESCRIPTIONS = ROOT / "tools" / "figure_descriptions.json"
TITLE = "Vanishing and exploding gradients — an interactive course"
DEEPER_TAG = "deeper"
DEEPER_OPEN, DEEPER_CLOSE = "DEEPEROPENXX{}XX", "DEEPERCLOSEXX"
PLACEHOLDER_ALT = "No description has been provided for this image"
# $$display$$ and $inline$ TeX (a formula may run over lines, even inside a > quote)
MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)([^$]+?)(?<![\s\\])\$", re.S)
CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)  # no formulas inside code
# stands in for a formula while nbconvert turns Markdown into HTML (letters and digits only,
# so Markdown leaves it alone)
TOKEN = "MATHXX{}XX"
TOKEN_RE = re.compile(r"MATHXX(\d+)XX")
MATHJAX_MARK = "mathjax-not-used"
REQUIRE_JS_MARK = "requirejs-not-used"  # no stored widget state needs it


def binder_url(notebook_name):
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", repository):
        return None
    return (f"https://mybinder.org/v2/gh/{repository}/HEAD"
            f"?labpath=notebooks%2F{notebook_name}")


def run_live_note(notebook_name=None):
    """Markdown: this is a static copy; how to run it with live sliders."""
    where = f"notebook `{notebook_name}`" if notebook_name else "the course"
    lines = [f"> **This is the static edition**: you see every figure as it was stored, at its "
             f"default setting. To move the sliders, run {where} live: clone the repository and "
             f"type `make lab` (Python 3.11 or newer)"]
    binder = binder_url(notebook_name or "01_product_of_matrices.ipynb")
    lines[0] += f", or [open it on Binder]({binder})." if binder else "."
    return "\n".join(lines)


def title_and_summary(notebook, number=None):
    """The notebook's '# ...' title and a one-sentence summary: the course's own for notebook
    ``number`` (helpers.lecture_steps.SUMMARIES), else the first sentence of its 'What you
    will see' paragraph."""
    first = notebook.cells[0].source
    title = first.splitlines()[0].lstrip("#").strip()
    if number in SUMMARIES:
        return title, SUMMARIES[number]
    summary = ""
    for paragraph in first.split("\n\n"):
        if paragraph.startswith("**What you will see.**"):
            text = " ".join(paragraph.replace("**What you will see.**", "").split())
            summary = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)[0]
    return title, summary


# ----- formulas -------------------------------------------------------------------------------

class Formulas:
    """Swaps every formula of the Markdown for a token, then the tokens for MathML."""

    def __init__(self):
        self.mathml = []

    def protect(self, markdown, where=""):
        parts = CODE.split(markdown)
        for i in range(0, len(parts), 2):  # the even parts are outside code
            parts[i] = MATH.sub(lambda match: self._token(match, where), parts[i])
        return "".join(parts)

    def _token(self, match, where):
        display = match.group(1) is not None
        tex = re.sub(r"\n\s*>?\s*", " ", match.group(1) if display else match.group(2)).strip()
        try:
            mathml = tex_to_mathml(tex, display="block" if display else "inline")
        except Exception as error:
            raise ValueError(f"{where}: the formula ${tex}$ could not be turned into MathML "
                             f"({type(error).__name__}: {error})") from None
        self.mathml.append(mathml)
        return TOKEN.format(len(self.mathml) - 1)

    def restore(self, page):
        """Tokens inside attributes (heading ids, titles) become plain words; in text, MathML."""
        page = re.sub(r'(=\s*"[^"<>]*?)MATHXX(\d+)XX',
                      lambda m: f"{m.group(1)}math{m.group(2)}", page)
        while re.search(r'=\s*"[^"<>]*?MATHXX\d+XX', page):
            page = re.sub(r'(=\s*"[^"<>]*?)MATHXX(\d+)XX',
                          lambda m: f"{m.group(1)}math{m.group(2)}", page)
        return TOKEN_RE.sub(lambda m: self.mathml[int(m.group(1))], page)


# ----- "Going deeper" sections ----------------------------------------------------------------

def is_deeper(cell):
    return DEEPER_TAG in cell.get("metadata", {}).get("tags", [])


def fold_deeper_sections(notebook):
    """Mark every run of cells tagged ``deeper`` for a closed <details> (:func:`open_details`
    puts it in the page); the run's heading ("## Going deeper: ...") becomes its <summary>.
    Returns the summaries, in order."""
    cells, run, summaries = [], [], []

    def close_run():
        if not run:
            return
        summary = "Going deeper"
        first = run[0]
        if first.cell_type == "markdown" and first.source.lstrip().startswith("#"):
            heading, _, rest = first.source.lstrip().partition("\n")
            summary = heading.lstrip("#").strip()
            if rest.strip():
                first.source = rest
            else:
                run.pop(0)
        # tokens in raw cells (nbconvert sanitizes raw HTML), swapped for the tags afterwards
        summaries.append(summary)
        cells.append(nbformat.v4.new_raw_cell(DEEPER_OPEN.format(len(summaries) - 1)))
        cells.extend(run)
        cells.append(nbformat.v4.new_raw_cell(DEEPER_CLOSE))
        run.clear()

    for cell in notebook.cells:
        if is_deeper(cell):
            run.append(cell)
        else:
            close_run()
            cells.append(cell)
    close_run()
    notebook.cells = cells
    return summaries


def open_details(page, summaries):
    """The tokens of :func:`fold_deeper_sections` become <details> and </details>."""
    page = re.sub(DEEPER_OPEN.format(r"(\d+)"), lambda m: (
        '<details class="deeper"><summary><h2 style="display:inline">'
        f"{html.escape(summaries[int(m.group(1))])}</h2></summary>"), page)
    return page.replace(DEEPER_CLOSE, "</details>")


# ----- alt text -----------------------------------------------------------------------------

def written_descriptions():
    return {key: text for key, text in json.loads(DESCRIPTIONS.read_text()).items()
            if not key.startswith("_")}


def image_alt_texts(notebook, descriptions):
    """{base64 PNG: alt text} for every stored picture: a live figure's caption (its
    text/plain), or the written description of its cell."""
    texts = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            caption = data.get("text/plain", "")
            caption = "".join(caption) if isinstance(caption, list) else caption
            if caption.startswith("Live figure"):
                texts[data["image/png"].strip()] = caption
            elif cell.get("id") in descriptions:
                texts[data["image/png"].strip()] = descriptions[cell["id"]]
    return texts


def missing_descriptions(notebook, descriptions):
    """The ids of cells whose static pictures have no written description."""
    return [cell.get("id") for cell in notebook.cells
            for output in cell.get("outputs", []) if "image/png" in output.get("data", {})
            and not "".join(output["data"].get("text/plain", "")).startswith("Live figure")
            and cell.get("id") not in descriptions]


def set_alt_texts(page, texts):
    soup = BeautifulSoup(page, features="html.parser")
    for image in soup.select("img"):
        source = image.get("src", "")
        data = source.partition("base64,")[2].strip()
        if data in texts:
            image["alt"] = texts[data]
        elif image.get("alt") == PLACEHOLDER_ALT:
            image["alt"] = "A figure drawn by the code above (no written description yet)."
    return str(soup)


def without_mathjax(page):
    """Drop the MathJax loader and its configuration (the formulas are MathML already) and
    require.js (for stored widget state, which the notebooks do not keep): nothing to fetch."""
    page = page.replace(f'<script src="{MATHJAX_MARK}"> </script>', "")
    page = page.replace(f'<script src="{REQUIRE_JS_MARK}"></script>', "")
    return re.sub(r'<script type="text/x-mathjax-config">.*?</script>', "", page, flags=re.S)


def link_pages(page):
    """Links to other notebooks point at their pages; the README link at the index."""
    page = re.sub(r'href="(\d\d_[\w-]+)\.ipynb(#[^"]*)?"',
                  lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', page)
    return page.replace('href="../README.md"', 'href="index.html"')


def export(notebook, exporter, title, where="", alt_texts=None):
    formulas = Formulas()
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = formulas.protect(cell.source, where)
    summaries = fold_deeper_sections(notebook)
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    body = open_details(set_alt_texts(without_mathjax(body), alt_texts or {}), summaries)
    return formulas.restore(link_pages(body))


def build(out):
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab", mathjax_url=MATHJAX_MARK,
                            require_js_url=REQUIRE_JS_MARK)
    descriptions = written_descriptions()
    entries = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        title, summary = title_and_summary(notebook, path.name[:2])
        alt_texts = image_alt_texts(notebook, descriptions)
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(run_live_note(path.name)))
        page = out / f"{path.stem}.html"
        page.write_text(export(notebook, exporter, title, path.name, alt_texts),
                        encoding="utf-8")
        entries.append((page.name, title, summary))
        print(f"{page.relative_to(out.parent) if out.parent in page.parents else page}")

    rows = "\n".join(f"| [{html.escape(title)}]({name}) | {summary} |"
                     for name, title, summary in entries)
    index = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        f"# {TITLE}\n\n"
        "Why are deep networks hard to train, and what fixes it? The notebooks follow one "
        "argument, from a product of matrices to the edge of chaos. Every number on these pages "
        "was computed when the notebook ran, and the tests check that it reproduces.\n\n"
        f"{run_live_note()}\n\n"
        "| Notebook | What you will see |\n|---|---|\n" + rows)])
    (out / "index.html").write_text(export(index, exporter, TITLE, "index"), encoding="utf-8")
    print(f"{out / 'index.html'}: the index of {len(entries)} notebooks")
    return entries


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_site",
                        help="the folder to write the pages into (default: _site)")
    build(parser.parse_args(argv).out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
