"""helpers.math.gradcheck: the numerical derivatives every backward pass is checked against."""
import numpy as np
import pytest

from helpers.math.gradcheck import numerical_gradient, numerical_jacobian, rel_error


def test_numerical_gradient_of_a_known_function_and_x_restored():
    x = np.array([[0.3, -1.2], [2.0, 0.5]])
    before = x.copy()
    dout = np.array([[1.0, 2.0], [-1.0, 0.5]])
    grad = numerical_gradient(lambda: np.sin(x) * x, x, dout)  # d/dx (x sin x) = sin x + x cos x
    np.testing.assert_allclose(grad, dout * (np.sin(x) + x * np.cos(x)), rtol=1e-8)
    np.testing.assert_array_equal(x, before)  # changed in place, then put back


def test_numerical_jacobian_of_a_row_map_is_its_matrix():
    W = np.random.default_rng(0).normal(size=(3, 4))
    J = numerical_jacobian(lambda a: a @ W + 1.0, np.ones((1, 3)))
    np.testing.assert_allclose(J, W, atol=1e-9)  # row i: how every output moves with input i


def test_rel_error_is_relative_to_both_sizes():
    a = np.array([1.0, 2.0, 3.0])
    assert rel_error(a, a) == 0.0
    assert rel_error(a, 1.001 * a) == pytest.approx(0.001 / 2.001)
    assert rel_error(1e-30 * a, 2e-30 * a) == pytest.approx(1 / 3)  # scale-free
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
