"""Notebook 02's checkers: the reference answers and typical wrong answers (placeholders and
nonsense: test_exercise_placeholders.py)."""
import numpy as np
import pytest

from helpers.exercises import notebook02
from solutions import notebook02 as solutions02


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
