"""Exercises of notebooks 02 and 03: placeholder, reference answer, typical wrong answers."""
import numpy as np
import pytest

from helpers.exercises import notebook02
from solutions import notebook02 as solutions02

# ----- notebook 02 -----------------------------------------------------------------------


@pytest.mark.parametrize("checker", [notebook02.check_weight_gradient_decades,
                                     notebook02.check_clip_gradients])
@pytest.mark.parametrize("placeholder", [..., None])
def test_notebook02_placeholder_is_not_attempted_and_never_raises(checker, placeholder):
    feedback = checker(placeholder)
    assert feedback.status == "not attempted"
    assert "Hint" in repr(feedback)


def test_weight_gradient_decades():
    answer = solutions02.weight_gradient_decades()
    assert answer == pytest.approx(99 * np.log10(1.5))
    assert notebook02.check_weight_gradient_decades(answer).correct
    assert notebook02.check_weight_gradient_decades(17.4).correct  # read off the figure's note
    for wrong_answer, phrase in [(100 * np.log10(1.5), "one factor too many"),
                                 (98 * np.log10(1.5), "one factor too few"),
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


@pytest.mark.parametrize("checker", [notebook03.check_saturated_percent,
                                     notebook03.check_leaky_relu_chi])
@pytest.mark.parametrize("placeholder", [..., None])
def test_notebook03_placeholder_is_not_attempted_and_never_raises(checker, placeholder):
    feedback = checker(placeholder)
    assert feedback.status == "not attempted"
    assert "Hint" in repr(feedback)


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


def test_leaky_relu_chi():
    answer = solutions03.leaky_relu_chi()
    assert answer == pytest.approx(0.52, abs=1e-3)  # sampled: within the checker's tolerance
    assert notebook03.check_leaky_relu_chi(answer).correct
    assert notebook03.check_leaky_relu_chi(0.52).correct
    for wrong_answer, phrase in [(0.6, "*squared* slope"), (0.5, "leaves out the negative side"),
                                 (1.04, "half of the time"), (0.52**0.5, "*norm*"),
                                 (0.04, "negative side alone"), (0.9, "is not it")]:
        feedback = notebook03.check_leaky_relu_chi(wrong_answer)
        assert feedback.status == "wrong" and phrase in feedback.message, (wrong_answer, feedback)
    assert notebook03.check_leaky_relu_chi("0.52").status == "wrong"


def test_chi_of_leaky_relu_does_not_depend_on_the_scale_of_z():
    """The checker's feedback says so: only the sign of z enters E[g'(z)^2]."""
    from helpers import get_activation
    from helpers.gaussian import gaussian_expectation

    alpha = notebook03.LEAKY_ALPHA
    leaky = lambda z: np.where(z > 0, 1.0, alpha)  # noqa: E731
    assert get_activation("leaky_relu").df(np.array([-1.0, 1.0])).tolist() == [0.01, 1.0]
    for std in (0.1, 1.0, 10.0):
        assert gaussian_expectation(lambda z: leaky(z) ** 2, std=std, points=300) \
            == pytest.approx(0.5 * (1 + alpha**2), abs=1e-12)
