"""Notebook 07's checkers: placeholder, reference answer, typical wrong answers."""
import pytest

from helpers.exercises import notebook07
from solutions import notebook07 as solutions07

CHECKERS = [notebook07.check_critical_sigma_w2, notebook07.check_layers_to_shrink_gradient]


@pytest.mark.parametrize("checker", CHECKERS)
@pytest.mark.parametrize("junk", ["one", float("nan"), [1]])
def test_junk_is_wrong_and_never_raises(checker, junk):
    assert checker(junk).status == "wrong"


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
    squared = notebook07.check_layers_to_shrink_gradient(110)  # chi_1**L < 1/1000: the mean square
    assert squared.status == "wrong" and "mean squared gradient" in squared.message
    assert "twice as many layers" in squared.message
    for answer in (16, 32):
        one_xi = notebook07.check_layers_to_shrink_gradient(answer)
        assert one_xi.status == "wrong" and "one depth scale" in one_xi.message
    too_few = notebook07.check_layers_to_shrink_gradient(218)
    assert too_few.status == "wrong" and "still above" in too_few.message
    too_many = notebook07.check_layers_to_shrink_gradient(230)
    assert too_many.status == "wrong" and "first" in too_many.message
    assert "whole number" in notebook07.check_layers_to_shrink_gradient(218.2).message
