"""How long the course takes: words of Markdown in each notebook's core and in its "Going deeper"
sections, and the minutes a learner needs for each.

    python tools/word_count.py            # the table
    python tools/word_count.py --write    # also rewrite each notebook's "**Time:**" line

A cell belongs to a "Going deeper" section when it carries the cell tag ``deeper``; everything
else is the core. Minutes are estimated as in the course's design notes: 120 words a minute,
1.5 minutes a code cell, and 5 minutes more for each exercise, prediction or live figure.
tests/test_core_path.py holds the limits (1,500 core words a notebook, 10,000 in all) and
checks that each notebook's Time line says what this script computes.
"""
import argparse
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CORE_WORDS_PER_NOTEBOOK = 1500
CORE_WORDS_IN_ALL = 10_000
WORDS_PER_MINUTE = 120
MINUTES_PER_CODE_CELL = 1.5
MINUTES_PER_ACTIVITY = 5  # an exercise, a prediction or a live figure
DEEPER_TAG = "deeper"
WIDGET = "application/vnd.jupyter.widget-view+json"
TIME_LINE = re.compile(r"^\*\*Time:\*\*.*$", re.MULTILINE)


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def is_deeper(cell):
    return DEEPER_TAG in cell.get("metadata", {}).get("tags", [])


def words(text):
    return len(text.split())


def is_activity(cell):
    """An exercise or prediction (a checker is called) or a live figure (a widget with its
    stored picture)."""
    if cell["cell_type"] != "code":
        return False
    if re.search(r"\bcheck_\w+\(", source(cell)):
        return True
    return any(WIDGET in output.get("data", {}) and "image/png" in output.get("data", {})
               for output in cell.get("outputs", []))


@dataclass
class Part:
    words: int = 0
    code_cells: int = 0
    activities: int = 0

    @property
    def minutes(self):
        return (self.words / WORDS_PER_MINUTE + MINUTES_PER_CODE_CELL * self.code_cells
                + MINUTES_PER_ACTIVITY * self.activities)


def measure(notebook):
    """(core, deeper) :class:`Part` of a notebook (a path or its parsed JSON)."""
    if not isinstance(notebook, dict):
        notebook = json.loads(Path(notebook).read_text())
    core, deeper = Part(), Part()
    for cell in notebook["cells"]:
        part = deeper if is_deeper(cell) else core
        if cell["cell_type"] == "markdown":
            part.words += words(source(cell))
        elif cell["cell_type"] == "code":
            part.code_cells += 1
            part.activities += is_activity(cell)
    return core, deeper


def rounded_minutes(minutes):
    """Minutes as the notebooks state them: to the nearest 5."""
    return max(5, 5 * math.ceil(minutes / 5 - 0.5))


def time_line(core, deeper):
    """The line each notebook's first cell carries, from its own counts."""
    return (f"**Time:** about {rounded_minutes(core.minutes)} minutes for the core; the "
            f'"Going deeper" sections add about {rounded_minutes(deeper.minutes)} more.')


def write_time_line(path):
    """Rewrite the "**Time:**" line of the notebook's first Markdown cell; True if it changed."""
    notebook = json.loads(path.read_text())
    first = next(cell for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    text = source(first)
    if not TIME_LINE.search(text):
        raise SystemExit(f"{path.name}: its first Markdown cell has no line starting "
                         "'**Time:**' to rewrite; add one.")
    new = TIME_LINE.sub(time_line(*measure(notebook)), text, count=1)
    if new == text:
        return False
    first["source"] = new.splitlines(keepends=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
    return True


def table(paths):
    rows = [("notebook", "core words", "deeper words", "core min", "deeper min")]
    total_core, total_deeper = Part(), Part()
    for path in paths:
        core, deeper = measure(path)
        rows.append((path.name[:2], core.words, deeper.words, round(core.minutes),
                     round(deeper.minutes)))
        for total, part in ((total_core, core), (total_deeper, deeper)):
            total.words += part.words
            total.code_cells += part.code_cells
            total.activities += part.activities
    rows.append(("all", total_core.words, total_deeper.words, round(total_core.minutes),
                 round(total_deeper.minutes)))
    return "\n".join(f"{r[0]:<9}{r[1]:>11}{r[2]:>13}{r[3]:>10}{r[4]:>12}" for r in rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true",
                        help="rewrite each notebook's **Time:** line from its counts")
    parser.add_argument("notebooks", nargs="*", type=Path, default=NOTEBOOKS)
    args = parser.parse_args(argv)
    print(table(args.notebooks))
    print(f"\nlimits: {CORE_WORDS_PER_NOTEBOOK:,} core words a notebook, "
          f"{CORE_WORDS_IN_ALL:,} in all; {WORDS_PER_MINUTE} words a minute, "
          f"{MINUTES_PER_CODE_CELL} min a code cell, {MINUTES_PER_ACTIVITY} min an exercise, "
          "prediction or live figure")
    if args.write:
        for path in args.notebooks:
            if write_time_line(path):
                print(f"rewrote the Time line of {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
