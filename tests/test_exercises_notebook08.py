"""Notebook 08's checkers: the placeholder, the reference answers and typical wrong answers."""
import numpy as np
import pytest

from helpers import numerical_gradient, rel_error
from helpers.exercises import notebook08
from helpers.exercises.notebook08 import (CAUSES, EXERCISE_LABEL, EXERCISE_LOGITS, FIXES,
                                          MYSTERY_NAMES, check_mystery_diagnosis,
                                          check_softmax_gradient)
from helpers.math.layers import softmax_cross_entropy
from helpers.course.notebook08 import train_digits
from solutions import notebook08 as solutions08

# ----- exercise 1 ------------------------------------------------------------------------------


def test_reference_gradient_matches_finite_differences_and_the_library_loss():
    logits = EXERCISE_LOGITS[None, :].copy()
    labels = np.array([EXERCISE_LABEL])
    numeric = numerical_gradient(lambda: np.array(softmax_cross_entropy(logits, labels)[0]),
                                 logits, 1.0)[0]
    assert rel_error(solutions08.softmax_gradient(), numeric) < 1e-7
    np.testing.assert_allclose(solutions08.softmax_gradient(),
                               softmax_cross_entropy(logits, labels)[1][0])


def test_softmax_gradient_reference_is_correct():
    assert check_softmax_gradient(solutions08.softmax_gradient()).correct
    assert check_softmax_gradient(list(solutions08.softmax_gradient())).correct


@pytest.mark.parametrize("mistake, phrase", [
    (lambda g, p, onehot: -g, "sign is flipped"),
    (lambda g, p, onehot: p, "softmax(z) itself"),
    (lambda g, p, onehot: EXERCISE_LOGITS - onehot, "not probabilities"),
    (lambda g, p, onehot: g / 4, "number of classes"),
    (lambda g, p, onehot: -onehot / p[EXERCISE_LABEL], "dL/dp"),
    (lambda g, p, onehot: g + 0.1, "add up to"),
    (lambda g, p, onehot: g + np.array([0.1, -0.1, 0.0, 0.0]), "entry 0 is off"),
])
def test_softmax_gradient_typical_mistakes(mistake, phrase):
    g = solutions08.softmax_gradient()
    p = g + np.eye(4)[EXERCISE_LABEL]
    feedback = check_softmax_gradient(mistake(g, p, np.eye(4)[EXERCISE_LABEL]))
    assert feedback.status == "wrong" and phrase in feedback.message, feedback


@pytest.mark.parametrize("answer", [
    [0.638, -0.765, 0.095, 0.032],  # three decimals, as a learner writes it by hand
    [0.6381, -0.7653, 0.0954, 0.0318],  # four decimals
    [0.638, -0.765, 0.0954, 0.0318],  # three significant figures per entry
])
def test_softmax_gradient_rounded_by_hand_is_correct(answer):
    feedback = check_softmax_gradient(np.array(answer))
    assert feedback.correct, feedback


def test_softmax_gradient_to_two_figures_is_called_close_not_a_mistake():
    feedback = check_softmax_gradient(np.array([0.64, -0.77, 0.095, 0.032]))
    assert feedback.status == "wrong" and "you are close" in feedback.message, feedback
    assert "softmax(z) first" not in feedback.message and "add up" not in feedback.message


def test_softmax_gradient_feedback_says_not_quite_once():
    feedback = check_softmax_gradient(solutions08.softmax_gradient() + np.array([0.1, -0.1, 0, 0]))
    assert repr(feedback).count("ot quite") == 1 and "not yet" not in repr(feedback).lower()


def test_softmax_gradient_a_rounded_mistake_keeps_its_message():
    rounded_flip = np.round(-solutions08.softmax_gradient(), 2)
    assert "sign is flipped" in check_softmax_gradient(rounded_flip).message


def test_softmax_gradient_bad_shapes_and_values():
    assert "shape (4,)" in check_softmax_gradient(np.zeros(3)).message
    assert "NaN" in check_softmax_gradient(np.full(4, np.nan)).message
    assert "4 numbers" in check_softmax_gradient({"a": 1}).message


# ----- exercise 2 ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference():
    return solutions08.mystery_diagnosis()


def test_the_reference_diagnosis_is_correct(reference):
    feedback = check_mystery_diagnosis(reference)
    assert feedback.correct, feedback
    assert "5 of 5 causes and 5 of 5 fixes" in feedback.message


def test_any_spelling_of_a_choice_is_accepted(reference):
    loose = {name: (cause.upper().replace(" ", "_"), fix.title())
             for name, (cause, fix) in reference.items()}
    loose["D"] = ("Exploding", "χ=1 init")
    loose["A"] = ("dead ReLU", "zero biases")
    assert check_mystery_diagnosis(loose).correct


def test_a_placeholder_or_a_partly_filled_answer_is_not_attempted_or_counted():
    assert check_mystery_diagnosis(...).status == "not attempted"
    template = {name: (..., ...) for name in MYSTERY_NAMES}
    assert check_mystery_diagnosis(template).status == "not attempted"
    partial = dict(template, A=("dead relus", "zero the biases"))
    feedback = check_mystery_diagnosis(partial)
    assert feedback.status == "wrong"
    assert "1 of 5 causes and 1 of 5 fixes" in feedback.message
    assert "B: not answered yet" in feedback.message
    cause_only = dict(template, C=("learning rate too small", ...))
    assert "C: learning rate too small is right; now choose a fix" in \
        check_mystery_diagnosis(cause_only).message


@pytest.mark.parametrize("name, part, value, summary, phrase", [
    # a wrong cause: the feedback line of that network says what the diagnostics show
    ("A", 0, "vanishing gradients", "4 of 5 causes", "exactly 0"),
    ("B", 0, "learning rate too small", "4 of 5 causes", "decades"),
    ("C", 0, "vanishing gradients", "4 of 5 causes", "level profile"),
    ("D", 0, "saturated units", "4 of 5 causes", "NaN"),
    ("E", 0, "vanishing gradients", "4 of 5 causes", "% saturated"),
    # a fix that does not work: the feedback says why
    ("A", 1, "adam", "5 of 5 causes and 4 of 5 fixes", "exactly 0"),
    ("B", 1, "larger learning rate", "5 of 5 causes and 4 of 5 fixes", "decades apart"),
    ("B", 1, "adam", "5 of 5 causes and 4 of 5 fixes", "same input"),
    ("C", 1, "batch norm", "5 of 5 causes and 4 of 5 fixes", "healthy"),
    ("D", 1, "gradient clipping", "5 of 5 causes and 4 of 5 fixes", "1.5²"),
    ("E", 1, "larger learning rate", "5 of 5 causes and 4 of 5 fixes", "further"),
])
def test_a_wrong_cause_or_fix_gets_what_the_diagnostics_show(reference, name, part, value,
                                                            summary, phrase):
    diagnosis = list(reference[name])
    diagnosis[part] = value
    feedback = check_mystery_diagnosis(dict(reference, **{name: tuple(diagnosis)}))
    assert feedback.status == "wrong" and summary in feedback.message
    if part == 0:  # the line of that network
        line = next(line for line in feedback.message.splitlines()
                    if line.strip().startswith(name))
        assert phrase in line, line
    else:
        assert phrase in feedback.message


def test_e_is_saturated_and_exploding_at_once(reference):
    """sigma_w^2 = 32 on tanh: chaotic (notebook 07), so both names describe it; the checker
    accepts both and says what the other one adds."""
    feedback = check_mystery_diagnosis(dict(reference, E=("exploding gradients", "batch norm")))
    assert feedback.correct and "chaotic" in feedback.message
    run = train_digits(notebook08.mystery_networks()["E"].setup, steps=1)
    ratios = run.history.update_ratios[0]
    assert ratios[0] > 1 > ratios[-1]  # the gradient grows towards the input


def test_every_cause_and_fix_is_named_in_the_lists():
    assert set(notebook08._CAUSE.values()) == set(CAUSES)
    for name, fixes in notebook08._WORKING_FIXES.items():
        assert fixes <= set(FIXES), name
    for (name, fix) in notebook08._FIX_REASONS:
        assert fix in FIXES and fix not in notebook08._WORKING_FIXES[name], (name, fix)


def test_no_message_gives_away_a_networks_answer(reference):
    """The format examples name no network's (cause, fix) pair."""
    messages = [check_mystery_diagnosis({"A": "dead relus"}).message,
                check_mystery_diagnosis(["A"]).message]
    for name, (cause, fix) in reference.items():
        for message in messages:
            assert f'("{cause}", "{fix}")' not in message, (name, message)
    for cause in notebook08._CAUSE.values():
        for fix in FIXES:
            assert f'("{cause}", "{fix}")' not in messages[1]


def test_a_second_right_cause_reads_as_its_own_sentence(reference):
    feedback = check_mystery_diagnosis(dict(reference, E=("exploding gradients", "adam")))
    line = next(line for line in feedback.message.splitlines() if line.strip().startswith("E"))
    assert line.strip().startswith("E: exploding gradients is right, but adam does not fix it:")
    assert "(Exploding gradients is right too: " in line and line.rstrip().endswith(".)")


def test_b_init_for_chi_1_is_right_and_says_what_it_takes_for_sigmoid(reference):
    """Notebook 04: a sigmoid network is critical with 4 x LeCun weights and biases that cancel
    sigmoid's mean; tests/test_mystery_networks.py trains B with exactly that."""
    feedback = check_mystery_diagnosis(dict(reference, B=("vanishing gradients",
                                                          "init for chi = 1")))
    assert feedback.correct, feedback
    assert "4 × LeCun" in feedback.message and "½" in feedback.message


def test_d_says_which_quantity_grows_by_which_factor(reference):
    for fix in ("gradient clipping", "zero the biases"):
        message = check_mystery_diagnosis(dict(reference, D=("exploding gradients",
                                                             fix))).message
        assert "size of its signal grows by about 1.5" in message or \
            "size of its signal by about 1.5" in message, message
        assert "mean square by 1.5² = 2.25" in message


def test_a_wrong_init_fix_for_a_points_to_what_the_notebook_teaches(reference):
    message = check_mystery_diagnosis(dict(reference, A=("dead relus",
                                                         "init for chi = 1"))).message
    assert "does not depend on the weights' scale" in message and "negative biases" not in message


# ----- the predictions -------------------------------------------------------------------------

@pytest.mark.parametrize("checker, reference", [
    (notebook08.check_bias_prediction, solutions08.bias_prediction),
    (notebook08.check_sigmoid_fix_prediction, solutions08.sigmoid_fix_prediction),
])
def test_a_prediction_takes_its_letter_or_its_text_in_any_case(checker, reference):
    letter = reference()
    options = notebook08.BIAS_OPTIONS if checker is notebook08.check_bias_prediction \
        else notebook08.SIGMOID_FIX_OPTIONS
    for spelling in (letter, f" {letter.upper()} ", f"({letter})", f"{letter})",
                     options[letter].upper(), "  " + options[letter].replace(" ", "   ")):
        assert checker(spelling).correct, spelling
    assert checker("z").status == "wrong" and "not one of the options" in checker("z").message


@pytest.mark.parametrize("letter, phrase", [
    ("a", "same number for every image"),  # the std grows, but not the images' differences
    ("c", "not 0"),
    ("d", "same for every image"),
])
def test_bias_prediction_wrong_choices_say_why(letter, phrase):
    feedback = notebook08.check_bias_prediction(letter)
    assert feedback.status == "wrong" and phrase in feedback.message, feedback


@pytest.mark.parametrize("letter, phrase", [
    ("a", "same factor"),  # the learning rate keeps the spread
    ("b", "squeezed out"),  # Adam evens out the steps, not the signal
    ("d", "notebook 04"),  # sigmoid networks do train with the right start
])
def test_sigmoid_fix_prediction_wrong_choices_say_why(letter, phrase):
    feedback = notebook08.check_sigmoid_fix_prediction(letter)
    assert feedback.status == "wrong" and phrase in feedback.message, feedback
    assert "batch norm" not in feedback.message  # the answer is not given away


@pytest.mark.parametrize("answer, phrase", [
    ({"F": ("dead relus", "adam")}, "also has F"),
    ({"A": "dead relus"}, "give a pair"),
    ({"A": ("tired", "adam")}, "not one of the causes"),
    ({"A": ("dead relus", "prayer")}, "not one of the fixes"),
    ({"A": (3, 4)}, "not one of the causes"),
])
def test_malformed_answers_are_explained(answer, phrase):
    feedback = check_mystery_diagnosis(answer)
    assert feedback.status == "wrong" and phrase in feedback.message, feedback
