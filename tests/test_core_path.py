"""The shape of every notebook: a core a learner reads in one sitting, "Going deeper" sections
stored collapsed, predictions before sliders, prose for learners, and outputs a reader without
a kernel can read. The numbers come from tools/word_count.py."""
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import word_count  # noqa: E402  (tools/ is not a package)

NOTEBOOKS = word_count.NOTEBOOKS
IDS = [path.name[:2] for path in NOTEBOOKS]
HEADING = re.compile(r"^(#{1,6})\s+(.*)", re.MULTILINE)
COLLAPSED = "jp-MarkdownHeadingCollapsed"


def load(path):
    return json.loads(path.read_text())


def heading(cell):
    """(level, text) of a Markdown cell's first heading, or None."""
    if cell["cell_type"] != "markdown":
        return None
    match = HEADING.search(word_count.source(cell))
    return (len(match.group(1)), match.group(2).strip()) if match else None


def deeper_sections(notebook):
    """[(index of the heading cell, [indices of the cells its collapse hides])]: JupyterLab
    hides every cell up to the next heading of the same or a higher level."""
    cells = notebook["cells"]
    sections = []
    for start, cell in enumerate(cells):
        found = heading(cell)
        if not found or not found[1].startswith("Going deeper:"):
            continue
        level, body = found[0], []
        for index in range(start + 1, len(cells)):
            other = heading(cells[index])
            if other and other[0] <= level:
                break
            body.append(index)
        sections.append((start, body))
    return sections


def test_the_course_has_its_notebooks():
    assert len(NOTEBOOKS) == 8


def test_core_words_within_the_limits():
    counts = {path.name[:2]: word_count.measure(path)[0].words for path in NOTEBOOKS}
    too_long = {number: words for number, words in counts.items()
                if words > word_count.CORE_WORDS_PER_NOTEBOOK}
    assert not too_long, f"core words above {word_count.CORE_WORDS_PER_NOTEBOOK}: {too_long}"
    assert sum(counts.values()) <= word_count.CORE_WORDS_IN_ALL, counts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_deeper_sections_are_tagged_and_stored_collapsed(path):
    notebook = load(path)
    sections = deeper_sections(notebook)
    assert sections, f"{path.name} has no 'Going deeper: ...' heading"
    in_sections = set()
    for start, body in sections:
        head = notebook["cells"][start]
        assert head["metadata"].get(COLLAPSED) is True, f"cell {start} is not stored collapsed"
        for index in [start, *body]:
            assert word_count.is_deeper(notebook["cells"][index]), \
                f"cell {index} is inside a Going deeper section but not tagged 'deeper'"
            in_sections.add(index)
    stray = [index for index, cell in enumerate(notebook["cells"])
             if word_count.is_deeper(cell) and index not in in_sections]
    assert not stray, f"cells tagged 'deeper' outside any Going deeper section: {stray}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_opener_states_the_time_it_computes(path):
    notebook = load(path)
    first = next(cell for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    expected = word_count.time_line(*word_count.measure(notebook))
    assert expected in word_count.source(first), (
        f"{path.name}: run `python tools/word_count.py --write`; expected: {expected}")
    assert "**Maths:**" in word_count.source(first), "say which mathematics the notebook uses"


# maintainer talk: test files, CPUs, BLAS, kernels, rounding across machines
MAINTAINER_TALK = re.compile(
    r"tests/|\bCPUs?\b|OpenBLAS|\bBLAS\b|\bkernels?\b|\bmachines?\b(?! learning)|\bnbval\b"
    r"|portab|\bprocessors?\b", re.IGNORECASE)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_markdown_speaks_to_learners(path):
    talk = [(index, match.group(0)) for index, cell in enumerate(load(path)["cells"])
            if cell["cell_type"] == "markdown"
            for match in MAINTAINER_TALK.finditer(word_count.source(cell))]
    assert not talk, f"maintainer talk in learner prose (cell, words): {talk}"


PREDICT_TAG = "predict"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_two_predictions_in_the_core(path):
    """A cell tagged 'predict' calls a checker on the learner's prediction, made before the
    slider moves or the cell that shows the answer runs."""
    predictions = [cell for cell in load(path)["cells"]
                   if PREDICT_TAG in cell.get("metadata", {}).get("tags", [])
                   and not word_count.is_deeper(cell)]
    assert len(predictions) >= 2
    for cell in predictions:
        assert cell["cell_type"] == "code" and re.search(r"\bcheck_\w+\(", word_count.source(cell))


OBJECT_REPR = re.compile(r"^(IntProgress|FloatProgress|VBox|HBox|Output|Tab|Image)\(|"
                         r"^<(Figure size|matplotlib\.|Axes)|object at 0x")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_stored_output_is_an_object_repr(path):
    """A reader without a kernel (GitHub, nbviewer) sees a picture or a sentence."""
    shown = []
    for index, cell in enumerate(load(path)["cells"]):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            richer = "image/png" in data or "text/html" in data
            text = "".join(data.get("text/plain", ""))
            if not richer and OBJECT_REPR.search(text):
                shown.append((index, text[:60]))
    assert not shown, f"outputs that show an object's repr: {shown}"


def names(source):
    """(defined, used) names of a code cell: assignments, imports, defs; loads."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: not in the course's cells
        return set(), set()
    defined, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, (ast.Store, ast.Del)) else used).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
    return defined, used


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_core_runs_without_the_deeper_sections(path):
    """A learner who skips every Going deeper section loses no name the core needs."""
    in_core, from_deeper = set(), set()
    needs = []
    for index, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        defined, used = names(word_count.source(cell))
        if word_count.is_deeper(cell):
            from_deeper |= defined - in_core
            continue
        needs += [(index, name) for name in sorted(used & from_deeper - in_core - defined)]
        in_core |= defined
    assert not needs, f"core cells that use names only a Going deeper cell defines: {needs}"
