"""Notebook 01's checkers: the reference answer and typical wrong answers
(placeholders: test_exercise_placeholders.py)."""
import numpy as np

from helpers import MLP
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


def test_overflow_layer():
    assert solutions01.overflow_layer() == 1024
    assert solutions01.overflow_layer(1.5) == 1751  # what notebook 01 prints for w = 1.5
    assert notebook01.check_overflow_layer(solutions01.overflow_layer()).correct
    off_by_one = notebook01.check_overflow_layer(1023)
    assert off_by_one.status == "wrong" and "still below 1.8e308" in off_by_one.message
    too_late = notebook01.check_overflow_layer(1025)
    assert too_late.status == "wrong" and "*first*" in too_late.message
    float32 = notebook01.check_overflow_layer(128)
    assert float32.status == "wrong" and "float32" in float32.message
    other_scale = notebook01.check_overflow_layer(1751)
    assert other_scale.status == "wrong" and "w = 1.5" in other_scale.message
    assert "not a layer number" in notebook01.check_overflow_layer(1024.5).message


def test_the_network_overflows_where_the_checker_says():
    # what notebook 01's figure draws: W = 2·I, x = (1, 1), the first layer that became inf
    net = MLP([2] * 1101, activation="linear", init="identity",
              weight_scale=notebook01.OVERFLOW_SCALE)
    net.forward(np.ones((1, 2)))
    assert net.first_nonfinite_layer == solutions01.overflow_layer()
