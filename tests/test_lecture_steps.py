"""The lecture (helpers/lecture_steps.py, helpers/lecture.py): its timing, its questions against
the course's checkers, the notebooks' figure cells against the lecture's figures, the stored
pictures against the code that drew them, and the page's moves from step to step."""
import ast
import json

import ipywidgets as widgets
import pytest

from helpers.exercises import CORRECT, WRONG
from helpers.figures import FIGURES
from helpers.lecture import PICTURE_MANIFEST, Lecture
from helpers.lecture_steps import (LECTURE_MINUTES, MAX_NOTICE_WORDS, PICTURES_DIR, STEPS,
                                   SUMMARIES, Question, Step, notebook_path, notebook_title,
                                   total_minutes)
from helpers.live.widgets import PRESENTER_TEXT_PX
from tools.lecture_pictures import NARROWEST_CSS_WIDTH, PICTURES, code_hash


def test_the_lecture_takes_80_to_100_minutes_and_follows_the_notebooks_in_order():
    low, high = LECTURE_MINUTES
    assert (low, high) == (80, 100)
    assert low <= total_minutes() <= high, total_minutes()
    numbers = [step.notebook for step in STEPS]
    assert numbers == sorted(numbers) and set(numbers) == set(SUMMARIES) == {
        f"{n:02d}" for n in range(1, 9)}


def test_every_step_has_one_idea_a_short_notice_and_something_to_show():
    for step in STEPS:
        assert step.headline and len(step.notice.split()) <= MAX_NOTICE_WORDS
        assert (step.figure in FIGURES) != bool(step.picture), step.headline
    assert {step.figure for step in STEPS if step.figure} == set(FIGURES)  # every live figure


def test_a_step_refuses_what_it_cannot_show():
    with pytest.raises(ValueError, match="give a figure or a picture"):
        Step("01", "h", "n", 5)
    with pytest.raises(ValueError, match="'notice' has 61 words; at most 60"):
        Step("01", "h", "word " * 61, 5, figure="01_activations_through_depth")
    with pytest.raises(ValueError, match="needs a written description"):
        Step("01", "h", "n", 5, picture="x.png")
    with pytest.raises(ValueError, match="not a registered figure"):
        Lecture([Step("01", "h", "n", 5, figure="01_nothing")])
    with pytest.raises(ValueError, match="at least one step"):
        Lecture([])


@pytest.mark.parametrize("step", [s for s in STEPS if s.question and s.question.checker],
                         ids=lambda s: s.headline)
def test_each_question_is_answered_as_its_checker_answers_it(step):
    question = step.question
    assert question.checker(question.answer).status == CORRECT
    assert question.typical_wrong, "name the wrong answers the room is likely to give"
    for wrong in question.typical_wrong:
        feedback = question.checker(wrong)
        # a specific reason, not the checker's generic last line
        assert feedback.status == WRONG and feedback.message
    right, wrongs = question.revealed()
    assert right == question.checker(question.answer).message and len(wrongs) == len(
        question.typical_wrong)


def test_a_question_without_a_checker_says_what_to_reveal():
    question = Question("Would clipping help?", reveal="No.")
    assert question.revealed() == ("No.", [])


def test_at_least_four_steps_ask_the_room_and_most_use_a_checker():
    asked = [step for step in STEPS if step.question]
    assert len(asked) >= 8 and sum(step.question.checker is not None for step in asked) >= 6


def test_summaries_are_one_complete_sentence_each():
    for number, summary in SUMMARIES.items():
        assert summary.endswith(".") and summary.count(". ") == 0, number
        assert summary[0].isupper() and len(summary.split()) <= 45, number


# ----- one source: the notebooks call the builders with no arguments --------------------------

def builder_calls(number, builder_name):
    """[(cell source, ast.Call)] of every call of ``builder_name`` in the notebook's code."""
    notebook = json.loads(notebook_path(number).read_text(encoding="utf-8"))
    calls = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue  # IPython magics: no figure cell has any
        calls += [(source, node) for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and getattr(node.func, "id", getattr(node.func, "attr", None)) == builder_name]
    return calls


@pytest.mark.parametrize("name", list(FIGURES))
def test_each_notebook_shows_its_figure_at_the_builders_defaults_as_the_lecture_does(name):
    """The lecture opens every figure with builder(); the notebook must too, so the two show
    the same setting from one source (the builder's defaults). Fails with the cell to edit."""
    builder, _ = FIGURES[name]
    number = name[:2]
    calls = builder_calls(number, builder.__name__)
    assert calls, f"notebook {number} does not call {builder.__name__}"
    for source, call in calls:
        assert not call.args and not call.keywords, (
            f"notebook {number} calls {ast.unparse(call)}: make it {builder.__name__}() — the "
            f"builder's defaults are the notebook's setting (the lecture uses them)")
    then = {method for step in STEPS if step.figure == name for method in step.then}
    for method in then:
        assert any(f".{method}()" in source for source, _ in calls), (
            f"the lecture calls .{method}() on {name}; notebook {number}'s figure cell does not")


# ----- the stored pictures ----------------------------------------------------------------------

def test_every_picture_step_has_its_picture_drawn_by_the_tool_and_big_enough():
    manifest = json.loads((PICTURES_DIR / PICTURE_MANIFEST).read_text())
    pictures = [step.picture for step in STEPS if step.picture]
    assert set(pictures) == set(PICTURES) == set(manifest)
    for name in pictures:
        info = manifest[name]
        assert (PICTURES_DIR / name).stat().st_size > 10_000
        # shown NARROWEST_CSS_WIDTH px wide, the smallest text is at least 19 CSS px tall
        assert info["text_px"] * NARROWEST_CSS_WIDTH / info["width"] >= PRESENTER_TEXT_PX - 0.01
        assert info["width"] >= 1920  # drawn at least as large as a 1920-px screen shows it


@pytest.mark.parametrize("name", list(PICTURES))
def test_each_picture_is_drawn_from_the_notebooks_code_as_it_is_now(name):
    number, cell_id, _ = PICTURES[name]
    stored = json.loads((PICTURES_DIR / PICTURE_MANIFEST).read_text())[name]
    assert stored["code_hash"] == code_hash(number, cell_id), (
        f"notebook {number}'s code changed since {name} was drawn: run "
        f"`python tools/lecture_pictures.py {name}` and commit the picture")


# ----- the page ------------------------------------------------------------------------------

def small_lecture():
    steps = [STEPS[0], STEPS[1], next(step for step in STEPS if step.picture)]
    return Lecture(steps)


def test_keys_and_buttons_move_through_the_steps_and_stop_at_the_ends():
    lecture = small_lecture()
    assert lecture.index == 0 and lecture.previous_button.disabled
    assert "Step 1 of 3" in lecture.position.value
    lecture._on_key_message(None, {"go": 1}, [])  # PageDown in the browser
    assert lecture.index == 1 and "Step 2 of 3" in lecture.position.value
    lecture.next_button.click()
    assert lecture.index == 2 and lecture.next_button.disabled
    lecture._on_key_message(None, {"go": 1}, [])
    lecture._on_key_message(None, {"go": "rm -rf"}, [])  # anything else is ignored
    assert lecture.index == 2
    lecture.previous_button.click()
    assert lecture.index == 1
    with pytest.raises(ValueError, match="step 7 does not exist: the lecture has steps 0 to 2"):
        lecture.show(7)


def test_steps_on_one_figure_share_it_and_it_opens_at_the_builders_defaults():
    lecture = small_lecture()
    live = lecture.live["01_activations_through_depth"]
    assert live.values() == FIGURES["01_activations_through_depth"][0]().values()
    assert live.controls["depth"].max == 2000  # the overflow at layer 1751 is in reach
    lecture.go(1)
    assert lecture.live["01_activations_through_depth"] is live
    assert live.widget in lecture.page.children


def test_the_page_width_draws_the_figure_at_projector_scale():
    lecture = small_lecture()
    live = lecture.live["01_activations_through_depth"]
    lecture.keys.view_width, lecture.keys.pixel_ratio = 1250, 2.0  # as the browser reports
    width = 1250 - 8
    assert live.image.layout.width == f"{width}px"
    pixels_wide = live.fig.canvas.get_width_height()[0]
    assert abs(pixels_wide - 2 * width) <= 2  # one picture pixel per screen pixel
    assert live.smallest_text_px() / 2 >= PRESENTER_TEXT_PX - 0.01  # in CSS pixels
    assert lecture.keys.picture_info["text_px"] == round(live.smallest_text_px(), 2)


def test_a_picture_step_shows_the_stored_picture_with_its_description():
    lecture = small_lecture()
    lecture.show(2)
    step = lecture.steps[2]
    images = [child for child in lecture.page.children if isinstance(child, widgets.Image)]
    assert len(images) == 1 and bytes(images[0].value[:4]) == b"\x89PNG"
    assert lecture.keys.picture_info["alt"] == step.description
    lecture.keys.view_width = 1000
    assert images[0].layout.width == "992px"


def test_all_figures_swaps_in_the_tabs_and_turns_the_keys_off():
    lecture = small_lecture()
    lecture.figures_button.value = True
    assert not lecture.keys.active and lecture.all_figures is not None
    assert lecture.page.children == (lecture.all_figures.widget,)
    lecture.figures_button.value = False
    assert lecture.keys.active and lecture.live["01_activations_through_depth"].widget in \
        lecture.page.children


def test_titles_come_from_the_notebooks():
    assert notebook_title("01") == "A product of matrices"
    assert notebook_title("99") == ""


def test_the_instructors_guide_lists_the_steps_as_they_are():
    """instructor/GUIDE.md's table of the path: every step's headline and minutes, in order."""
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[1] / "instructor" / "GUIDE.md").read_text()
    path = guide.split("### The path, with timings")[1].split("\n### ")[0]
    rows = [line.split("|")[1:-1] for line in path.splitlines()
            if line.startswith("| ") and line.split("|")[1].strip().isdigit()]
    assert [(cells[1].strip(), int(cells[3])) for cells in rows] == [
        (step.notebook, step.minutes) for step in STEPS]
    for cells, step in zip(rows, STEPS):
        assert cells[2].strip().startswith(step.headline[:30]), cells
    total = sum(step.minutes for step in STEPS)
    assert f"Total {total} minutes" in guide
