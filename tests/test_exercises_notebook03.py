"""Notebook 03's checkers: the reference answers and typical wrong answers (placeholders and
nonsense: test_exercise_placeholders.py)."""
import pytest

from helpers.exercises import notebook03
from solutions import notebook03 as solutions03


def test_sigmoid_layers():
    assert solutions03.sigmoid_layers() == 10
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
