"""helpers.math.statistics: sizes of arrays near the ends of float64, histograms in %."""

import numpy as np
import pytest

from helpers.math.statistics import nice_ceiling, percent_histogram, rms, scale_safe


@pytest.mark.parametrize("statistic", [np.std, rms, np.linalg.norm])
def test_scale_safe_equals_the_plain_statistic_where_that_is_finite(statistic):
    values = np.random.default_rng(0).normal(size=(5, 7))
    assert scale_safe(statistic, values) == pytest.approx(statistic(values), rel=1e-14)


def test_huge_finite_values_give_a_finite_size_where_squaring_overflows():
    values = np.array([[1e200, -3e200], [2e200, 0.0]])
    assert scale_safe(rms, values) == pytest.approx(np.sqrt(14 / 4) * 1e200, rel=1e-14)
    assert scale_safe(np.linalg.norm, values, axis=-1) == pytest.approx(
        [np.sqrt(10) * 1e200, 2e200], rel=1e-14)
    with np.errstate(over="ignore"):
        assert np.isinf(rms(values))  # what the plain formula says


def test_inf_nan_and_zeros():
    rows = scale_safe(np.linalg.norm, np.array([[np.inf, 1.0], [np.nan, 1.0], [0.0, 0.0]]),
                      axis=1)
    np.testing.assert_array_equal(rows, [np.inf, np.inf, 0.0])
    assert scale_safe(np.std, np.zeros(4)) == 0.0


def test_percent_histogram_counts_everything_once():
    edges = np.linspace(0.0, 1.0, 5)
    percent = percent_histogram([-5.0, 0.1, 0.3, 0.6, 0.99, 1.0, 7.0], edges)
    # -5 joins the first bin, 1.0 and 7 the last: every value counted once
    np.testing.assert_allclose(percent, 100 * np.array([2, 1, 1, 3]) / 7)
    np.testing.assert_array_equal(percent_histogram([], edges), np.zeros(4))


def test_nice_ceiling_rounds_up_to_1_2_25_5_times_a_power_of_ten():
    assert [nice_ceiling(v) for v in (0.7, 1.0, 1.3, 2.2, 3.0, 7.0, 10.0, 0.0123)] == \
        [1.0, 1.0, 2.0, 2.5, 5.0, 10.0, 10.0, 0.02]
    with pytest.raises(ValueError, match="value must be a finite number > 0, got 0.0"):
        nice_ceiling(0.0)
