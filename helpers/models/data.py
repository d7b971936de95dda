"""The course's data sets, with no downloads: one made from a seed, one shipped in the package.

``make_circles`` is the standard training problem of notebooks 02-06: two noisy concentric
rings in the plane, labels -1 (inner) and +1 (outer). A straight line cannot separate them, so
a network must learn a curved boundary, yet a small deep network that trains well gets there
in a few hundred full-batch steps.

``load_digits`` is real data for notebook 08: 1,797 handwritten digits of 8x8 pixels, 10
classes (Alpaydin & Kaynak, UCI Machine Learning Repository, CC BY 4.0; the copy scikit-learn
bundles, shipped in ``helpers/datasets/``, see the README there). ``digits_split`` cuts it into
a training and a test set and standardizes the pixels.
"""
import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ..math.checks import as_rng, positive_number, quiet_float_errors, whole_number

N_DIGITS, N_PIXELS, N_CLASSES = 1797, 64, 10


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


@lru_cache(maxsize=1)
def _digits_table():
    with resources.files("helpers").joinpath("datasets", "digits.csv.gz").open("rb") as raw:
        with gzip.open(raw, "rt") as text:
            table = np.loadtxt(text, delimiter=",", dtype=np.int64)
    if table.shape != (N_DIGITS, N_PIXELS + 1):
        raise ValueError(f"helpers/datasets/digits.csv.gz should hold {N_DIGITS} rows of "
                         f"{N_PIXELS} pixels and a label, found shape {table.shape}")
    table.setflags(write=False)  # shared by every call: nobody may change it
    return table


def load_digits():
    """The 1,797 handwritten digits: pixels (1797, 64) floats 0..16, labels (1797,) ints 0..9.

    Row i of ``pixels`` is image i read row by row (``pixels[i].reshape(8, 8)`` shows it). Each
    value counts the ink pixels in a 4x4 block of the scanned 32x32 bitmap. Fresh arrays on
    every call, so changing them changes nothing for the next caller.
    """
    table = _digits_table()
    return table[:, :N_PIXELS].astype(float), table[:, N_PIXELS].copy()


@dataclass(frozen=True)
class DigitsSplit:
    """The digits cut into a training and a test set, pixels standardized.

    X_train (N_train, 64), y_train (N_train,), X_test (N_test, 64), y_test (N_test,).
    pixel_mean, pixel_std (64,): the training set's statistics, used for both sets
    (a pixel that is constant in the training set keeps std 1, so it stays 0).
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    pixel_mean: np.ndarray
    pixel_std: np.ndarray


def digits_split(n_test=297, seed=0):
    """A seeded random split of the digits, with every pixel standardized to mean 0 and
    variance 1 over the training set (the scale the initialization rules assume): a
    :class:`DigitsSplit`. The default keeps 1,500 images for training."""
    n_test = whole_number("n_test", n_test, low=1, high=N_DIGITS - 2)
    pixels, labels = load_digits()
    rng = as_rng(seed)
    order = rng.permutation(N_DIGITS)
    test, train = order[:n_test], order[n_test:]
    mean = pixels[train].mean(axis=0)
    std = pixels[train].std(axis=0)
    std[std == 0] = 1.0
    return DigitsSplit((pixels[train] - mean) / std, labels[train],
                       (pixels[test] - mean) / std, labels[test], mean, std)


def class_accuracy(logits, labels):
    """Fraction of rows whose largest logit is at the label. logits (N, K), labels (N,) ints.
    A row holding NaN counts as wrong."""
    logits, labels = np.asarray(logits, dtype=float), np.asarray(labels)
    if logits.ndim != 2 or labels.shape != (len(logits),):
        raise ValueError(f"logits must have shape (N, K) and labels (N,), got {logits.shape} "
                         f"and {labels.shape}")
    predicted = np.argmax(np.nan_to_num(logits, nan=-np.inf), axis=1)
    finite = np.all(np.isfinite(logits), axis=1)
    return float(np.mean((predicted == labels) & finite))
