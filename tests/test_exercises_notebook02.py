"""Exercises of notebooks 02 and 03: placeholder, reference answer, typical wrong answers."""
import numpy as np
import pytest

from helpers.exercises import notebook02
from solutions import notebook02 as solutions02

# ----- notebook 02 -----------------------------------------------------------------------


@pytest.mark.parametrize("checker", [notebook02.check_input_gradient,
                                     notebook02.check_clip_gradients])
@pytest.mark.parametrize("placeholder", [..., None])
def test_notebook02_placeholder_is_not_attempted_and_never_raises(checker, placeholder):
    feedback = checker(placeholder)
    assert feedback.status == "not attempted"
    assert "Hint" in repr(feedback)


def test_input_gradient():
    assert solutions02.input_gradient() == pytest.approx(0.8**30)
    assert notebook02.check_input_gradient(solutions02.input_gradient()).correct
    off_by_one = notebook02.check_input_gradient(0.8**29)
    assert off_by_one.status == "wrong" and "off by one" in off_by_one.message
    inverted = notebook02.check_input_gradient(1 / 0.8**30)
    assert inverted.status == "wrong" and "smaller than 1" in inverted.message
    product = notebook02.check_input_gradient(0.8 * 30)
    assert product.status == "wrong" and "power" in product.message
    assert notebook02.check_input_gradient(0.5).status == "wrong"
    assert notebook02.check_input_gradient("0.0012").status == "wrong"


def test_clip_gradients_reference_matches_the_helpers_and_is_accepted():
    feedback = notebook02.check_clip_gradients(solutions02.clip_gradients)
    assert feedback.correct, feedback.message


def _clip_each_array(grads, max_norm):
    return [g * min(1.0, max_norm / np.linalg.norm(g)) for g in grads]


def _always_rescale(grads, max_norm):
    total = np.sqrt(sum(np.sum(g * g) for g in grads))
    return [g * max_norm / total for g in grads]


def _sum_of_norms(grads, max_norm):
    total = sum(np.linalg.norm(g) for g in grads)
    return [g * min(1.0, max_norm / total) for g in grads]


def _in_place(grads, max_norm):
    total = np.sqrt(sum(np.sum(g * g) for g in grads))
    for g in grads:
        g *= min(1.0, max_norm / total)
    return grads


def _returns_nothing(grads, max_norm):
    ...


def _crashes(grads, max_norm):
    return [g / undefined_name for g in grads]  # noqa: F821


@pytest.mark.parametrize("answer, phrase", [
    (_clip_each_array, "its own norm"),
    (_always_rescale, "must come back unchanged"),
    (_sum_of_norms, "all squared entries"),
    (_in_place, "changed the arrays it was given"),
    (_crashes, "raised NameError"),
    (lambda grads, max_norm: grads[:1], "one array per gradient"),
    (lambda grads, max_norm: [2 * g for g in grads], "should have norm"),
    ("clip", "pass the function itself"),
])
def test_clip_gradients_typical_mistakes(answer, phrase):
    feedback = notebook02.check_clip_gradients(answer)
    assert feedback.status == "wrong"
    assert phrase in feedback.message


def test_a_function_that_returns_none_is_not_attempted():
    feedback = notebook02.check_clip_gradients(_returns_nothing)
    assert feedback.status == "not attempted" and "return" in feedback.message

# ----- notebook 03 -----------------------------------------------------------------------

from helpers.exercises import notebook03  # noqa: E402
from solutions import notebook03 as solutions03  # noqa: E402


@pytest.mark.parametrize("checker", [notebook03.check_sigmoid_layers,
                                     notebook03.check_saturated_percent])
@pytest.mark.parametrize("placeholder", [..., None])
def test_notebook03_placeholder_is_not_attempted_and_never_raises(checker, placeholder):
    feedback = checker(placeholder)
    assert feedback.status == "not attempted"
    assert "Hint" in repr(feedback)


def test_sigmoid_layers():
    assert solutions03.sigmoid_layers() == 10
    assert 0.25**10 < 1e-6 < 0.25**9
    assert notebook03.check_sigmoid_layers(solutions03.sigmoid_layers()).correct
    too_few = notebook03.check_sigmoid_layers(9)
    assert too_few.status == "wrong" and "still above 1e-6" in too_few.message
    too_many = notebook03.check_sigmoid_layers(12)
    assert too_many.status == "wrong" and "first" in too_many.message
    assert "whole number" in notebook03.check_sigmoid_layers(9.97).message
    assert notebook03.check_sigmoid_layers("10").status == "wrong"


def test_saturated_percent_closed_form_matches_sampling():
    sampled = solutions03.saturated_percent(samples=1_000_000)
    assert abs(sampled - notebook03.saturated_percent()) < 0.2
    assert notebook03.saturated_percent() == pytest.approx(16.30, abs=0.01)
    assert notebook03.saturated_percent(std=1.0) == pytest.approx(3.64, abs=0.01)


def test_saturated_percent():
    assert notebook03.check_saturated_percent(solutions03.saturated_percent()).correct
    fraction = notebook03.check_saturated_percent(notebook03.saturated_percent() / 100)
    assert fraction.status == "wrong" and "percentage" in fraction.message
    std_one = notebook03.check_saturated_percent(notebook03.saturated_percent(std=1.0))
    assert std_one.status == "wrong" and "std 1" in std_one.message
    one_tail = notebook03.check_saturated_percent(notebook03.saturated_percent() / 2)
    assert one_tail.status == "wrong" and "one side" in one_tail.message
    assert notebook03.check_saturated_percent(50).status == "wrong"
    assert notebook03.check_saturated_percent(float("nan")).status == "wrong"
