"""helpers.math.gaussian: Gauss–Hermite expectations, checked against known values and a Riemann sum."""
import math

import numpy as np
import pytest

from helpers import get_activation
from helpers.math.gaussian import MAX_POINTS, gaussian_expectation

TANH_SLOPE = get_activation("tanh").df


def _riemann(f, std=1.0):
    z = np.linspace(-12 * std, 12 * std, 400_001)
    density = np.exp(-0.5 * (z / std) ** 2) / (std * math.sqrt(2 * math.pi))
    return float(np.sum(f(z) * density) * (z[1] - z[0]))


def test_moments_of_the_normal_distribution_are_exact():
    assert gaussian_expectation(lambda z: np.ones_like(z)) == pytest.approx(1.0, abs=1e-14)
    assert gaussian_expectation(lambda z: z) == pytest.approx(0.0, abs=1e-14)
    assert gaussian_expectation(lambda z: z**2, std=3.0) == pytest.approx(9.0, rel=1e-13)
    assert gaussian_expectation(lambda z: z**4) == pytest.approx(3.0, rel=1e-13)
    assert gaussian_expectation(lambda z: z, mean=2.5) == pytest.approx(2.5, rel=1e-13)


def test_course_facts_about_tanh_slopes():
    """COURSE.md: for z ~ N(0,1), E[tanh'(z)] ≈ 0.6057 and E[tanh'(z)^2] ≈ 0.4644."""
    mean_slope = gaussian_expectation(TANH_SLOPE)
    mean_square_slope = gaussian_expectation(lambda z: TANH_SLOPE(z) ** 2)
    assert round(mean_slope, 4) == 0.6057
    assert round(mean_square_slope, 4) == 0.4644
    assert mean_slope == pytest.approx(_riemann(TANH_SLOPE), abs=1e-10)
    assert mean_square_slope == pytest.approx(_riemann(lambda z: TANH_SLOPE(z) ** 2), abs=1e-9)


def test_means_and_stds_may_be_arrays():
    expected = gaussian_expectation(lambda z: z**2, mean=np.array([0.0, 1.0, 2.0]),
                                    std=np.array([1.0, 2.0, 0.0]))
    np.testing.assert_allclose(expected, [1.0, 5.0, 4.0], rtol=1e-13)  # E[z^2] = mean^2 + std^2
    grid = gaussian_expectation(np.tanh, mean=[[0.5], [1.0]], std=[1.0, 2.0])
    assert grid.shape == (2, 2)
    assert grid[0, 1] == pytest.approx(gaussian_expectation(np.tanh, 0.5, 2.0), rel=1e-14)


def test_the_mean_field_integrals_are_these_expectations():
    from helpers.theory.meanfield import QUADRATURE_POINTS, expectation_at_variance

    variances = np.array([0.0, 0.3, 1.0, 4.0])
    np.testing.assert_array_equal(
        expectation_at_variance(TANH_SLOPE, variances),
        gaussian_expectation(TANH_SLOPE, std=np.sqrt(variances), points=QUADRATURE_POINTS))


def test_wider_inputs_leave_less_slope_and_need_more_nodes():
    slopes = [gaussian_expectation(TANH_SLOPE, std=std, points=MAX_POINTS)
              for std in (0.5, 1.0, 2.0, 3.0)]
    assert np.all(np.diff(slopes) < 0)
    assert slopes[-1] == pytest.approx(_riemann(TANH_SLOPE, std=3.0), abs=1e-6)
    # the documented limit: 101 nodes are not enough at std 3
    assert abs(gaussian_expectation(TANH_SLOPE, std=3.0) - slopes[-1]) > 1e-5


def test_no_warnings_up_to_the_largest_allowed_rule():
    assert gaussian_expectation(TANH_SLOPE, points=MAX_POINTS) == pytest.approx(0.6057, abs=1e-4)


@pytest.mark.parametrize("kwargs, message", [
    ({"f": 3.0}, "f must be a function"),
    ({"std": -1.0}, "std must be a finite number >= 0"),
    ({"std": float("nan")}, "std must be a finite number"),
    ({"std": [1.0, -1.0]}, "std must be a finite number >= 0 \\(or an array of them\\)"),
    ({"mean": "0"}, "mean must be a finite number"),
    ({"points": 0}, "points must be a whole number from 1 to 300"),
    ({"points": 1001}, "points must be a whole number from 1 to 300"),
])
def test_bad_arguments_are_rejected_clearly(kwargs, message):
    arguments = {"f": TANH_SLOPE} | kwargs
    with pytest.raises(ValueError, match=message):
        gaussian_expectation(**arguments)
