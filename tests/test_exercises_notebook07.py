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
    assert solutions07.critical_sigma_w2_without_bias() == 1.0
    assert notebook07.check_critical_sigma_w2(solutions07.critical_sigma_w2_without_bias()).correct
    he = notebook07.check_critical_sigma_w2(2)
    assert he.status == "wrong" and "He's factor" in he.message
    gain = notebook07.check_critical_sigma_w2((5 / 3) ** 2)
    assert gain.status == "wrong" and "tanh gain" in gain.message
    biased = notebook07.check_critical_sigma_w2(1.76)
    assert biased.status == "wrong" and "sigma_b2 = 0.05" in biased.message
    low = notebook07.check_critical_sigma_w2(0.5)
    assert low.status == "wrong" and "ordered" in low.message
    high = notebook07.check_critical_sigma_w2(3.5)
    assert high.status == "wrong" and "chaotic" in high.message


def test_layers_to_shrink_gradient():
    reference = solutions07.layers_to_shrink_gradient()
    assert reference == 110  # chi_1 = 0.93864 at (1.5, 0.05): ln(1000) / 0.06334 = 109.1
    assert notebook07.check_layers_to_shrink_gradient(reference).correct
    one_xi = notebook07.check_layers_to_shrink_gradient(16)
    assert one_xi.status == "wrong" and "one depth scale" in one_xi.message
    too_few = notebook07.check_layers_to_shrink_gradient(109)
    assert too_few.status == "wrong" and "still above" in too_few.message
    too_many = notebook07.check_layers_to_shrink_gradient(120)
    assert too_many.status == "wrong" and "first" in too_many.message
    assert "whole number" in notebook07.check_layers_to_shrink_gradient(109.1).message
