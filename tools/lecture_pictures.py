"""Draw the lecture's stored pictures from the notebooks' own cells, at projector scale.

    python tools/lecture_pictures.py          # all of them (a few minutes: it trains)
    python tools/lecture_pictures.py 02_training_by_weight_scale.png

The multi-seed training results (notebook 02's three weight scales, 04's recipes, 06's plain
vs residual, 08's fixes) take too long to run live in a lecture. For each, this runs the
notebook's code cells in a fresh kernel, up to and including the cell that draws the figure
(found by its cell id, so moving cells does not matter), then redraws that figure at the
lecture's size: ``PICTURE_WIDTH_PX`` pixels wide, with every text at least 19 CSS pixels tall
when the picture is shown ``NARROWEST_CSS_WIDTH`` CSS pixels wide (a 1280-pixel window). No
number is typed by hand: the picture is the notebook's own.

``instructor/pictures/pictures.json`` records, per picture, its size, the pixel height of
its smallest text and a hash of the code that drew it; tests/test_lecture_steps.py fails when a
notebook's code has changed since, with the command to run.
"""
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.lecture import PICTURE_MANIFEST  # noqa: E402
from helpers.lecture_steps import PICTURES_DIR, notebook_path  # noqa: E402

PICTURE_WIDTH_PX = 2400  # sharp at 1920 CSS px wide, and at 1200 on a 2x screen
NARROWEST_CSS_WIDTH = 1100  # the lecture's figure width in a 1280-pixel window, about
# picture file -> (notebook, the id of the cell that draws it, the variable holding the figure)
PICTURES = {
    "02_training_by_weight_scale.png": ("02", "fa412713", "fig"),
    "04_training_by_initialization.png": ("04", "5dcb04c7", "fig"),
    "06_training_plain_vs_residual.png": ("06", "71bcfa7f", "fig"),
    "08_fixes_one_at_a_time.png": ("08", "3d41e341", "fig"),
}

# run in the notebook's kernel after its figure cell: redraw the figure at the lecture's size
REDRAW = """
from helpers.live.widgets import presenter_size, smallest_text_pt
_figure = {variable}
_dpi, _size = presenter_size(tuple(_figure.get_size_inches()), smallest_text_pt(_figure),
                             {css_width}, {pixel_ratio})
_figure.set_dpi(_dpi)
_figure.set_size_inches(_size)
_figure.tight_layout({layout_arguments})
_figure.savefig({path!r}, dpi=_dpi)
print(round(smallest_text_pt(_figure) * _dpi / 72, 2))
"""


def code_cells_up_to(notebook, cell_id):
    """The notebook's code cells up to and including the one with ``cell_id``."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cells.append(cell)
        if cell.get("id") == cell_id:
            if cell.cell_type != "code":
                raise ValueError(f"cell {cell_id} is a {cell.cell_type} cell, not code")
            return cells
    raise ValueError(f"no cell with id {cell_id}: the notebook's figure cell was replaced; "
                     "update PICTURES in tools/lecture_pictures.py")


def code_hash(number, cell_id):
    """A hash of the code that draws the picture (what the staleness test compares)."""
    notebook = nbformat.read(notebook_path(number), as_version=4)
    code = "\n# ---\n".join(cell.source for cell in code_cells_up_to(notebook, cell_id))
    return hashlib.sha256(code.encode("utf-8")).hexdigest()[:16]


def draw(name):
    number, cell_id, variable = PICTURES[name]
    path = notebook_path(number)
    notebook = nbformat.read(path, as_version=4)
    cells = [nbformat.v4.new_code_cell(cell.source) for cell in code_cells_up_to(notebook, cell_id)]
    out = PICTURES_DIR / name
    # lay the figure out again as its cell did (e.g. tight_layout(rect=...) leaving room)
    layouts = re.findall(r"\.tight_layout\((.*)\)", cells[-1].source)
    cells.append(nbformat.v4.new_code_cell(REDRAW.format(
        variable=variable, layout_arguments=layouts[-1] if layouts else "",
        css_width=NARROWEST_CSS_WIDTH,
        pixel_ratio=PICTURE_WIDTH_PX / NARROWEST_CSS_WIDTH, path=str(out))))
    run = nbformat.v4.new_notebook(cells=cells, metadata=notebook.metadata)
    NotebookClient(run, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    text_px = float(run.cells[-1].outputs[-1]["text"].split()[-1])
    import matplotlib.image

    height, width = matplotlib.image.imread(out).shape[:2]
    return {"notebook": number, "cell_id": cell_id, "code_hash": code_hash(number, cell_id),
            "width": width, "height": height, "text_px": text_px}


def main(names):
    names = names or list(PICTURES)
    unknown = sorted(set(names) - set(PICTURES))
    if unknown:
        raise SystemExit(f"unknown picture(s) {unknown}; known: {', '.join(PICTURES)}")
    PICTURES_DIR.mkdir(parents=True, exist_ok=True)
    manifest_path = PICTURES_DIR / PICTURE_MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    for name in names:
        started = time.perf_counter()
        manifest[name] = draw(name)
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        info = manifest[name]
        print(f"{name}: {info['width']}x{info['height']} px, smallest text {info['text_px']} px, "
              f"{time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
