"""Numerical gradients by central differences, to check every backward pass.

Use float64 and keep ReLU inputs away from 0 (the kink): central differences with
h = 1e-5 then agree with an exact backward to a relative error below 1e-7.
"""
import numpy as np


def numerical_gradient(f, x, dout, h=1e-5):
    """Gradient of sum(f(x) * dout) with respect to the array ``x``, changed in place and restored.

    ``f`` takes no arguments and reads ``x`` (so it can be a closure over a network's weight).
    """
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        index = it.multi_index
        original = x[index]
        x[index] = original + h
        plus = np.sum(f() * dout)
        x[index] = original - h
        minus = np.sum(f() * dout)
        x[index] = original
        grad[index] = (plus - minus) / (2 * h)
    return grad


def rel_error(a, b):
    """||a - b|| / (||a|| + ||b||): the relative error of two whole arrays.

    This is the gradient-checking measure of Ng's deep learning course (below 1e-7: correct).
    It is taken over the whole array rather than entry by entry, because entries that are tiny
    (a leaky ReLU passes 1% of the gradient per layer) carry round-off of the size of the
    finite difference itself.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    # no floor under the denominator: gradients of 1e-30 are compared as carefully as any
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def numerical_jacobian(f, a):
    """J[i, j] = d f(a)[0, j] / d a[0, i] by central differences, for one example a: (1, n).

    Row i says how every output moves when input i moves (the convention of ``a @ W``).
    """
    a = np.array(a, dtype=float)
    n_out = f(a).shape[1]
    columns = []
    for j in range(n_out):
        pick = np.zeros((1, n_out))
        pick[0, j] = 1.0  # the gradient of output j alone
        columns.append(numerical_gradient(lambda: f(a), a, pick)[0])
    return np.column_stack(columns)
