"""Build the static HTML edition of the course from the stored notebooks (no kernel, no network).

    python tools/build_html.py            # or: make html   -> _site/index.html
    python tools/build_html.py --out DIR

Every notebook in notebooks/ becomes one page (nbconvert's "lab" template), with a note at the
top on how to run it live; links between notebooks point at the pages; an index page lists
them all. The slider figures show the picture stored with them (their default setting). The
pages load MathJax from its CDN when they are viewed, so the formulas need a network then,
but building needs none. With GITHUB_REPOSITORY set (as in a GitHub workflow), every page also
links to the same notebook on Binder.
"""
import argparse
import html
import os
import re
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TITLE = "Vanishing and exploding gradients — an interactive course"


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


def title_and_summary(notebook):
    """The notebook's '# ...' title and its 'What you will see' paragraph (markdown)."""
    first = notebook.cells[0].source
    title = first.splitlines()[0].lstrip("#").strip()
    summary = ""
    for paragraph in first.split("\n\n"):
        if paragraph.startswith("**What you will see.**"):
            summary = " ".join(paragraph.replace("**What you will see.**", "").split())
    return title, summary


def link_pages(page):
    """Links to other notebooks point at their pages; the README link at the index."""
    page = re.sub(r'href="(\d\d_[\w-]+)\.ipynb(#[^"]*)?"',
                  lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', page)
    return page.replace('href="../README.md"', 'href="index.html"')


def export(notebook, exporter, title):
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return link_pages(body)


def build(out):
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    entries = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        title, summary = title_and_summary(notebook)
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(run_live_note(path.name)))
        page = out / f"{path.stem}.html"
        page.write_text(export(notebook, exporter, title), encoding="utf-8")
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
    (out / "index.html").write_text(export(index, exporter, TITLE), encoding="utf-8")
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
