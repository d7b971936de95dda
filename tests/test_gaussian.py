"""helpers.math.gaussian: the one Gaussian expectation, checked against exact moments, the
course's reference values and an independent Riemann sum, from narrow to very wide Gaussians."""
import math

import numpy as np
import pytest

from helpers import get_activation
from helpers.math.gaussian import gaussian_expectation

TANH_SLOPE = get_activation("tanh").df


def _riemann(f, std=1.0, mean=0.0, points=2_400_001):
    """A plain Riemann sum over a fine grid in standard units (the spacing taken as 24 / (points - 1)
    exactly: z[1] - z[0] would lose ten digits to cancellation)."""
    x = np.linspace(-12.0, 12.0, points)
    density = np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
    return float(np.sum(f(mean + std * x) * density) * (24.0 / (points - 1)))


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
    assert mean_slope == pytest.approx(_riemann(TANH_SLOPE), abs=1e-11)
    assert mean_square_slope == pytest.approx(_riemann(lambda z: TANH_SLOPE(z) ** 2), abs=1e-11)


@pytest.mark.parametrize("std", [1e-3, 0.3, 1.0, 3.0, 30.0, 300.0])
def test_accurate_from_narrow_to_very_wide_gaussians(std):
    # the spike tanh'(z)^2 of width ~1 is ~1/std wide in standard units: the grid is in z
    expected = _riemann(lambda z: TANH_SLOPE(z) ** 2, std=std)
    assert gaussian_expectation(lambda z: TANH_SLOPE(z) ** 2, std=std) == \
        pytest.approx(expected, rel=1e-8)
    assert gaussian_expectation(lambda z: TANH_SLOPE(z) ** 2, std=std, decays_within=40.0) == \
        pytest.approx(expected, rel=1e-8)


def test_a_step_at_zero_is_split_exactly_in_half():
    for std in (0.1, 1.0, 7.0):
        assert gaussian_expectation(lambda z: (z > 0).astype(float), std=std) == \
            pytest.approx(0.5, abs=1e-14)


def test_means_and_stds_may_be_arrays():
    expected = gaussian_expectation(lambda z: z**2, mean=np.array([0.0, 1.0, 2.0]),
                                    std=np.array([1.0, 2.0, 0.0]))
    np.testing.assert_allclose(expected, [1.0, 5.0, 4.0], rtol=1e-13)  # E[z^2] = mean^2 + std^2
    grid = gaussian_expectation(np.tanh, mean=[[0.5], [1.0]], std=[1.0, 2.0])
    assert grid.shape == (2, 2)
    assert grid[0, 1] == pytest.approx(gaussian_expectation(np.tanh, 0.5, 2.0), rel=1e-12)
    assert grid[1, 0] == pytest.approx(_riemann(np.tanh, std=1.0, mean=1.0), abs=1e-11)


def test_wider_inputs_leave_less_slope():
    slopes = [gaussian_expectation(TANH_SLOPE, std=std) for std in (0.5, 1.0, 2.0, 3.0)]
    assert np.all(np.diff(slopes) < 0)
    assert slopes[-1] == pytest.approx(_riemann(TANH_SLOPE, std=3.0), abs=1e-11)


@pytest.mark.parametrize("kwargs, message", [
    ({"f": 3.0}, "f must be a function"),
    ({"std": -1.0}, "std must be a finite number >= 0"),
    ({"std": float("nan")}, "std must be a finite number"),
    ({"std": [1.0, -1.0]}, "std must be a finite number >= 0 \\(or an array of them\\)"),
    ({"mean": "0"}, "mean must be a finite number"),
    ({"decays_within": -2.0}, "decays_within must be a finite number >= 0"),
])
def test_bad_arguments_are_rejected_clearly(kwargs, message):
    arguments = {"f": TANH_SLOPE} | kwargs
    with pytest.raises(ValueError, match=message):
        gaussian_expectation(**arguments)
