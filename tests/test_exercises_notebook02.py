"""Notebook 02's checkers: the reference answers and typical wrong answers (placeholders and
nonsense: test_exercise_placeholders.py)."""
import numpy as np
import pytest

from helpers.exercises import notebook02
from solutions import notebook02 as solutions02

def test_weight_gradient_decades():
    answer = solutions02.weight_gradient_decades()
    assert answer == pytest.approx(99 * np.log10(1.5))
    assert notebook02.check_weight_gradient_decades(answer).correct
    assert notebook02.check_weight_gradient_decades(17.4).correct  # 3 significant figures
    for rounded in (17, 17.5):  # 2 figures, or a third that is off: close, not a physics mistake
        close = notebook02.check_weight_gradient_decades(rounded)
        assert close.status == "wrong" and "significant figures" in close.message, close
    for wrong_answer, phrase in [(100 * np.log10(1.5), "one factor too many"),
                                 (98 * np.log10(1.5), "one factor too few"),
                                 (17.6, "one factor too many"),  # the same, to 3 figures
                                 (17.3, "one factor too few"),
                                 (49 * np.log10(1.5), "depth 50"),
                                 (99 * np.log(1.5), "natural logarithm"),
                                 (2 * answer, "squared"),
                                 (1.5**99, "growth factor itself"),
                                 (0, "stay level"),
                                 (5, "is not it")]:
        feedback = notebook02.check_weight_gradient_decades(wrong_answer)
        assert feedback.status == "wrong" and phrase in feedback.message, (wrong_answer, feedback)
    assert notebook02.check_weight_gradient_decades("17.4").status == "wrong"


def test_the_slider_check_gives_the_predicted_decades():
    """What the learner checks in notebook 02's figure (relu, he, width 64, depth 100): every
    layer's weight gradient moves by exactly (L - 1)·log10(1.5) decades."""
    from helpers import MLP

    rng = np.random.default_rng(0)
    X, dout = rng.normal(size=(16, 64)), rng.normal(size=(16, 64))
    norms = {}
    for scale in (1.0, 1.5):
        net = MLP([64] * 101, activation="relu", init="he", weight_scale=scale, seed=1)
        net.forward(X)
        norms[scale] = np.array([np.linalg.norm(dW) for dW in net.backward(dout)["weights"]])
    assert np.allclose(np.log10(norms[1.5] / norms[1.0]), solutions02.weight_gradient_decades(),
                       atol=1e-9)


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
    ...  # the body the old placeholder had: the function returns None


def _untouched_placeholder(grads, max_norm):
    return ...  # the notebook's placeholder


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


def test_a_function_that_returns_none_is_told_so_and_the_placeholder_is_not_attempted():
    feedback = notebook02.check_clip_gradients(_returns_nothing)
    assert feedback.status == "wrong" and "returned None" in feedback.message
    feedback = notebook02.check_clip_gradients(_untouched_placeholder)
    assert feedback.status == "not attempted" and "Hint" in repr(feedback)


def _returns_huge(grads, max_norm):
    return [g * 1e308 for g in grads]


def test_huge_results_get_feedback_without_a_warning():
    # warnings are errors in this test run
    assert notebook02.check_clip_gradients(_returns_huge).status == "wrong"
    assert notebook02.check_clip_gradients(lambda grads, max_norm: 5).status == "wrong"


def test_clipping_rescues():
    """The prediction before the clipped runs: only the exploding runs are rescued."""
    assert solutions02.clipping_rescues() == "a"
    for way_to_write_it in ("a", "A", "(a)", " a) ", "only the exploding runs",
                            "Only the exploding runs."):
        assert notebook02.check_clipping_rescues(way_to_write_it).correct, way_to_write_it
    for letter, phrase in [("b", "only *shorten*"), ("c", "half right"), ("d", "infinity"),
                           ("both", "half right")]:
        feedback = notebook02.check_clipping_rescues(letter)
        assert feedback.status == "wrong" and phrase in feedback.message, (letter, feedback)
    assert "one letter in quotes" in notebook02.check_clipping_rescues("e").message
