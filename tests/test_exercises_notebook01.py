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


def test_random_layer_growth():
    """The prediction before notebook 01 measures a random layer's growth: 8 = sqrt(64)."""
    assert solutions01.random_layer_growth() == "c"
    assert notebook01.GROWTH_OPTIONS["c"] == "about 8"
    for way_to_write_it in ("c", "C", " (c) ", "c)", "about 8", "About 8.", "  about   8 "):
        assert notebook01.check_random_layer_growth(way_to_write_it).correct, way_to_write_it
    for letter, phrase in [("a", "only partly"), ("b", "not the identity"),
                           ("d", "1/n versus 1/√n"), ("about 64", "1/n versus 1/√n")]:
        feedback = notebook01.check_random_layer_growth(letter)
        assert feedback.status == "wrong" and phrase in feedback.message, (letter, feedback)
    assert "one letter in quotes" in notebook01.check_random_layer_growth("e").message
    assert "in quotes" in notebook01.check_random_layer_growth(8).message


def test_the_measured_growth_of_a_wide_random_layer_is_near_the_predicted_8():
    from helpers.course.notebook01 import activation_sizes

    sizes, _ = activation_sizes(20, 1.0, kind="Gaussian, std w", width=64)
    assert abs((sizes[-1] / sizes[0]) ** (1 / 20) - 8) < 0.2


def test_std_for_constant_size():
    reference = solutions01.std_for_constant_size()
    assert reference == 0.125
    for answer in (reference, 0.125, 1 / 8, 0.1250):
        assert notebook01.check_std_for_constant_size(answer).correct
    for rounded in (0.13, 0.12):  # two figures: close, not a physics mistake (issue 21, 16)
        close = notebook01.check_std_for_constant_size(rounded)
        assert close.status == "wrong" and "significant figures" in close.message
        assert "exponentially" not in close.message
    assert "sqrt(n)" in notebook01.check_std_for_constant_size(8).message
    variance_not_std = notebook01.check_std_for_constant_size(1 / 64)
    assert variance_not_std.status == "wrong" and "square root" in variance_not_std.message
    he = notebook01.check_std_for_constant_size((2 / 64) ** 0.5)
    assert he.status == "wrong" and "He's rule" in he.message
    one = notebook01.check_std_for_constant_size(1.0)
    assert one.status == "wrong" and "grows" in one.message
    assert notebook01.check_std_for_constant_size(-1).status == "wrong"


def test_overflow_layer():
    assert solutions01.overflow_layer() == 1106
    assert solutions01.overflow_layer(1.5) == 1751  # what notebook 01 prints for w = 1.5
    assert notebook01.check_overflow_layer(solutions01.overflow_layer()).correct
    # the hand calculation the hint suggests lands well inside the right layer
    by_hand = (np.log(1.8) + 308 * np.log(10)) / np.log(1.9)
    assert 1105.5 < by_hand < 1106
    assert notebook01.check_overflow_layer(int(np.ceil(by_hand))).correct
    off_by_one = notebook01.check_overflow_layer(1105)
    assert off_by_one.status == "wrong" and "still below 1.8e308" in off_by_one.message
    too_late = notebook01.check_overflow_layer(1107)
    assert too_late.status == "wrong" and "*first*" in too_late.message
    float32 = notebook01.check_overflow_layer(139)
    assert float32.status == "wrong" and "float32" in float32.message
    other_scale = notebook01.check_overflow_layer(1751)
    assert other_scale.status == "wrong" and "w = 1.5" in other_scale.message
    base_two = notebook01.check_overflow_layer(1024)
    assert base_two.status == "wrong" and "ln(2)" in base_two.message
    assert "not a layer number" in notebook01.check_overflow_layer(1105.8).message


def test_overflow_layer_guides_past_the_inf_trap():
    """Issue 21, 20: np.log(1.8e308) is inf, because 1.8e308 typed into Python already is."""
    typed = np.log(1.8e308)
    assert np.isinf(typed)
    feedback = notebook01.check_overflow_layer(typed)
    assert feedback.status == "wrong"
    assert "stores it as inf" in feedback.message and "308 * np.log(10)" in feedback.message
    # the hint steers away from typing the big number
    hint = notebook01.check_overflow_layer(...).message
    assert "already inf" in hint and "ln(1.8) + 308 * ln(10)" in hint


def test_the_network_overflows_where_the_checker_says():
    # what notebook 01's figure draws: W = 1.9·I, x = (1, 1), the first layer that became inf
    from helpers.figures.notebook01 import activations_through_depth

    net = MLP([2] * 1201, activation="linear", init="identity",
              weight_scale=notebook01.OVERFLOW_SCALE)
    net.forward(np.ones((1, 2)))
    assert net.first_nonfinite_layer == solutions01.overflow_layer()
    live = activations_through_depth(max_depth=2000)
    live.set(weight_scale=notebook01.OVERFLOW_SCALE, depth=1200)  # 1.9 is on the slider
    assert live.controls["weight_scale"].value == notebook01.OVERFLOW_SCALE
    assert f"inf at layer {solutions01.overflow_layer()}" in live.fig.axes[0].texts[0].get_text()
