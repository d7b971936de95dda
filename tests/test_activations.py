"""helpers.math.activations: g and g' by name, and the facts the course states about them."""
import math

import numpy as np
import pytest

from helpers.math.activations import (
    ACTIVATION_NAMES,
    LEAKY_SLOPE,
    SATURATION_LEVEL,
    get_activation,
)


def test_sigmoid_slope_is_at_most_a_quarter_and_has_it_at_zero():
    sigmoid_slope = get_activation("sigmoid").df
    assert sigmoid_slope(np.zeros(1))[0] == 0.25
    assert sigmoid_slope(np.linspace(-10, 10, 100_001)).max() == 0.25


def test_sigmoid_never_overflows_and_stays_in_zero_one():
    z = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    values = get_activation("sigmoid").f(z)  # 1 / (1 + e^1000) would overflow
    assert np.all((0.0 <= values) & (values <= 1.0)) and values[2] == 0.5


def test_relu_and_leaky_relu_slopes_are_exactly_one_or_their_floor():
    z = np.array([-3.0, -0.1, 0.1, 3.0])
    np.testing.assert_array_equal(get_activation("relu").df(z), [0.0, 0.0, 1.0, 1.0])
    np.testing.assert_array_equal(get_activation("leaky_relu").df(z),
                                  [LEAKY_SLOPE, LEAKY_SLOPE, 1.0, 1.0])


def test_only_sigmoid_and_tanh_saturate():
    assert [name for name in ACTIVATION_NAMES if get_activation(name).saturates] == \
        ["sigmoid", "tanh"]


def test_saturated_tanh_passes_on_less_than_six_percent():
    z = math.atanh(SATURATION_LEVEL)
    assert get_activation("tanh").df(np.array([z]))[0] == pytest.approx(1 - 0.97**2)
    assert 1 - SATURATION_LEVEL**2 < 0.06


def test_an_activation_object_passes_through_and_names_are_checked():
    tanh = get_activation("tanh")
    assert get_activation(tanh) is tanh
    with pytest.raises(ValueError, match="activation must be one of 'linear', .*, got 'Tanh'"):
        get_activation("Tanh")
