"""Notebook 07's checkers: placeholder, reference answer, typical wrong answers."""
import pytest

from helpers.exercises import notebook07
from solutions import notebook07 as solutions07


def test_critical_sigma_w2():
    reference = solutions07.critical_sigma_w2()
    assert abs(reference - 2.2852) < 1e-3
    assert notebook07.check_critical_sigma_w2(reference).correct
    # the two slider steps either side of the edge are both accepted; the next ones are not
    for step in (2.25, 2.30):
        assert notebook07.check_critical_sigma_w2(step).correct, step
    for answer, phrase in [(1.0, "without biases"), (1.76, "σ_b² = 0.05"),
                           (2.2, "ordered side"), (2.35, "chaotic side"), (3.5, "chaotic")]:
        feedback = notebook07.check_critical_sigma_w2(answer)
        assert feedback.status == "wrong" and phrase in feedback.message, (answer, feedback)


def test_layers_to_shrink_gradient_norm():
    reference = solutions07.layers_to_shrink_gradient_norm()
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
def test_layers_to_shrink_gradient_norm_typical_mistakes(answer, phrases):
    feedback = notebook07.check_layers_to_shrink_gradient(answer)
    assert feedback.status == "wrong"
    assert all(phrase in feedback.message for phrase in phrases), feedback.message
