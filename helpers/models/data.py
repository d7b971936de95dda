"""Small synthetic data sets, made on the spot from a seed (no downloads).

``make_circles`` is the course's standard training problem: two noisy concentric rings in
the plane, labels -1 (inner) and +1 (outer). A straight line cannot separate them, so a
network must learn a curved boundary, yet a small deep network that trains well gets there
in a few hundred full-batch steps.
"""
import numpy as np

from ..math.checks import positive_number, quiet_float_errors, whole_number


def make_circles(n_samples=200, noise=0.1, radii=(0.5, 1.0), seed=0):
    """X: (n_samples, 2) points, y: (n_samples, 1) labels in {-1, +1}; half on each ring."""
    n_samples = whole_number("n_samples", n_samples, low=2)
    noise = positive_number("noise", noise, or_zero=True)
    rng = np.random.default_rng(seed)
    labels = np.where(np.arange(n_samples) < n_samples // 2, -1.0, 1.0)
    radius = np.where(labels < 0, radii[0], radii[1])
    angle = rng.uniform(0, 2 * np.pi, n_samples)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    X = X + rng.normal(scale=noise, size=X.shape)
    order = rng.permutation(n_samples)
    return X[order], labels[order, None]


def accuracy(pred, y):
    """Fraction of examples whose prediction has the sign of the ±1 label (NaN counts as wrong)."""
    pred, y = np.asarray(pred, dtype=float), np.asarray(y, dtype=float)
    if pred.shape != y.shape:
        raise ValueError(f"pred and y must have the same shape, got {pred.shape} and {y.shape}")
    with quiet_float_errors():
        return float(np.mean(np.sign(pred) == y))
