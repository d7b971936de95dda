"""Notebook 01's checkers: the reference answer and typical wrong answers
(placeholders: test_exercise_placeholders.py)."""
from helpers.exercises import notebook01
from solutions import notebook01 as solutions01


def test_layers_to_shrink():
    assert solutions01.layers_to_shrink() == 66
    assert notebook01.check_layers_to_shrink(solutions01.layers_to_shrink()).correct
    too_few = notebook01.check_layers_to_shrink(65)
    assert too_few.status == "wrong" and "still above 1e-3" in too_few.message
    too_many = notebook01.check_layers_to_shrink(70)
    assert too_many.status == "wrong" and "first" in too_many.message
    assert "whole number" in notebook01.check_layers_to_shrink(65.56).message
    assert notebook01.check_layers_to_shrink("66").status == "wrong"


def test_std_for_constant_size():
    assert notebook01.check_std_for_constant_size(solutions01.std_for_constant_size()).correct
    variance_not_std = notebook01.check_std_for_constant_size(1 / 64)
    assert variance_not_std.status == "wrong" and "square root" in variance_not_std.message
    he = notebook01.check_std_for_constant_size((2 / 64) ** 0.5)
    assert he.status == "wrong" and "He's rule" in he.message
    one = notebook01.check_std_for_constant_size(1.0)
    assert one.status == "wrong" and "grows" in one.message
    assert notebook01.check_std_for_constant_size(-1).status == "wrong"
