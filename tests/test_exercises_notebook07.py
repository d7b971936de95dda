"""Notebook 07's checkers: placeholder, reference answer, typical wrong answers."""
import json
from pathlib import Path

import pytest

from helpers.exercises import notebook07
from solutions import notebook07 as solutions07

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "07_beyond_the_sources.ipynb"


# ----- exercise: the edge of chaos at sigma_b2 = 0.2 ------------------------------------------

def test_critical_sigma_w2():
    reference = solutions07.critical_sigma_w2()
    assert abs(reference - 2.2852) < 1e-3
    assert notebook07.check_critical_sigma_w2(reference).correct
    # 3 significant figures, and what linear interpolation between the slider's readouts
    # (chi_1 = 0.992 at 2.25, 1.003 at 2.30) gives: 2.25 + 0.05 * 8 / 11 = 2.286
    for answer in (2.29, 2.285, 2.286):
        assert notebook07.check_critical_sigma_w2(answer).correct, answer


@pytest.mark.parametrize("step", [2.25, 2.3])
def test_a_slider_step_is_close_and_told_to_interpolate(step):
    feedback = notebook07.check_critical_sigma_w2(step)
    assert feedback.status == "wrong"
    assert "significant figures" in feedback.message and "interpolate" in feedback.message
    assert "0.992 at 2.25" in feedback.message and "1.003 at 2.30" in feedback.message


@pytest.mark.parametrize("answer, phrase", [
    (1.0, "without biases"), (1.76, "σ_b² = 0.05"), (2.2, "ordered side"),
    (2.35, "chaotic side"), (3.5, "chaotic"), (5e3, "far beyond")])
def test_critical_sigma_w2_typical_mistakes(answer, phrase):
    feedback = notebook07.check_critical_sigma_w2(answer)
    assert feedback.status == "wrong" and phrase in feedback.message, (answer, feedback)


# ----- exercise: layers for the gradient's norm to shrink 1000-fold ---------------------------

def test_layers_to_shrink_gradient():
    reference = solutions07.layers_to_shrink_gradient()
    # chi_1 = 0.93864 at (1.5, 0.05): the norm needs ln(1000) / (0.06334 / 2) = 218.2 layers
    assert reference == 219
    assert notebook07.check_layers_to_shrink_gradient(reference).correct


@pytest.mark.parametrize("answer, phrases", [
    (110, ("mean squared gradient", "twice as many layers")),  # chi_1**L < 1/1000: mean square
    (16, ("one depth scale",)),
    (32, ("one depth scale",)),
    (218, ("still above",)),
    (230, ("first",)),
    (218.2, ("whole number",)),
])
def test_layers_to_shrink_gradient_typical_mistakes(answer, phrases):
    feedback = notebook07.check_layers_to_shrink_gradient(answer)
    assert feedback.status == "wrong"
    assert all(phrase in feedback.message for phrase in phrases), feedback.message


# ----- predictions: a letter among four options -----------------------------------------------

PREDICTIONS = [(notebook07.check_spectrum_spread, solutions07.spectrum_spread,
                notebook07.SPECTRUM_OPTIONS),
               (notebook07.check_edge_direction, solutions07.edge_direction,
                notebook07.EDGE_OPTIONS)]


@pytest.mark.parametrize("checker, solution, options", PREDICTIONS,
                         ids=["spectrum_spread", "edge_direction"])
def test_prediction_accepts_the_letter_or_the_text_in_any_case(checker, solution, options):
    letter = solution()
    text = options[letter]
    for answer in (letter, letter.upper(), f" {letter} ", f"({letter})", f"{letter})",
                   text, text.upper(), f"  {text}. ", f"{letter}) {text}", f"({letter}) {text}"):
        assert checker(answer).correct, answer
    for other in options.keys() - {letter}:
        assert checker(other).status == "wrong"
        assert checker(options[other]).status == "wrong"


@pytest.mark.parametrize("checker, options", [(p[0], p[2]) for p in PREDICTIONS],
                         ids=["spectrum_spread", "edge_direction"])
@pytest.mark.parametrize("answer", ["e", "ab", "above", 2, "b) they all grow"])
def test_prediction_says_how_to_answer_when_it_cannot_read_it(checker, options, answer):
    feedback = checker(answer)
    assert feedback.status == "wrong" and "one letter in quotes" in feedback.message


@pytest.mark.parametrize("answer, phrases", [
    ("a", ("*mean* of s²", "hide a spread")),  # "variance 1/n keeps every direction at 1"
    ("b", ("would fall", "keeps it at 1")),
    ("d", ("would rise", "keeps it at 1")),
])
def test_spectrum_spread_misconceptions(answer, phrases):
    feedback = notebook07.check_spectrum_spread(answer)
    assert feedback.status == "wrong"
    assert all(phrase in feedback.message for phrase in phrases), feedback.message


def test_spectrum_spread_reason():
    assert "variance of s² grows like the depth" in notebook07.check_spectrum_spread("c").message


@pytest.mark.parametrize("answer, phrases", [
    ("a", ("other way", "larger q*")),
    ("c", ("do move it", "from 1 (no biases) to 1.76")),
    ("d", ("*without* biases", "q* = 0")),  # LeCun's rule is critical only without biases
])
def test_edge_direction_misconceptions(answer, phrases):
    feedback = notebook07.check_edge_direction(answer)
    assert feedback.status == "wrong"
    assert all(phrase in feedback.message for phrase in phrases), feedback.message


def test_edge_direction_reference_follows_the_mean_field_solver():
    from helpers.theory.meanfield import critical_sigma_w2
    assert solutions07.edge_direction() == "b"
    assert float(critical_sigma_w2(0.2)) > float(critical_sigma_w2(0.05)) + 0.5


def test_the_notebook_lists_the_options_the_checkers_know():
    markdown = "\n".join("".join(cell["source"]) for cell in json.loads(NOTEBOOK.read_text())["cells"]
                         if cell["cell_type"] == "markdown")
    for options in (notebook07.SPECTRUM_OPTIONS, notebook07.EDGE_OPTIONS):
        for letter, text in options.items():
            assert f"({letter}) {text}" in markdown, (letter, text)
