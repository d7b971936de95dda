import numpy as np
import pytest

from helpers import MLP, train
from helpers.models.data import accuracy, make_circles


def test_circles_are_balanced_seeded_and_on_two_rings():
    X, y = make_circles(200, noise=0.0, seed=3)
    assert X.shape == (200, 2) and y.shape == (200, 1)
    assert np.sum(y == 1) == np.sum(y == -1) == 100
    radius = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(radius[y[:, 0] < 0], 0.5)
    np.testing.assert_allclose(radius[y[:, 0] > 0], 1.0)
    X2, y2 = make_circles(200, noise=0.0, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)


def test_a_small_network_learns_the_circles():
    X, y = make_circles(200, noise=0.05, seed=0)
    net = MLP([2, 16, 16, 1], activation="tanh", init="xavier", seed=0)
    before = accuracy(net.forward(X), y)
    train(net, X, y, steps=300, lr=0.1)
    assert accuracy(net.forward(X), y) > 0.95 > before


def test_accuracy_counts_nan_as_wrong_and_checks_shapes():
    assert accuracy(np.array([[1.0], [np.nan]]), np.array([[1.0], [1.0]])) == 0.5
    with pytest.raises(ValueError, match="same shape"):
        accuracy(np.ones((3, 1)), np.ones(3))
    with pytest.raises(ValueError, match="n_samples"):
        make_circles(1)


def test_the_digits_are_the_uci_test_set_as_shipped():
    from helpers.models.data import load_digits

    pixels, labels = load_digits()
    assert pixels.shape == (1797, 64) and labels.shape == (1797,)
    assert pixels.min() == 0 and pixels.max() == 16
    assert np.array_equal(pixels, np.round(pixels))
    assert np.array_equal(np.bincount(labels), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    assert list(labels[:10]) == list(range(10))
    pixels[0, 0] = 99.0  # the caller's copy: the next call is not affected
    assert load_digits()[0][0, 0] == 0


def test_the_shipped_digits_file_is_the_one_the_readme_attributes():
    import hashlib
    from importlib import resources

    data = resources.files("helpers").joinpath("datasets", "digits.csv.gz").read_bytes()
    readme = resources.files("helpers").joinpath("datasets", "README.md").read_text()
    assert hashlib.sha256(data).hexdigest() in readme
    assert "CC BY 4.0" in readme and "Alpaydin" in readme and "Kaynak" in readme


def test_digits_split_standardizes_with_training_statistics_only():
    from helpers.models.data import digits_split

    split = digits_split(n_test=297, seed=0)
    assert split.X_train.shape == (1500, 64) and split.X_test.shape == (297, 64)
    assert split.y_train.shape == (1500,) and split.y_test.shape == (297,)
    np.testing.assert_allclose(split.X_train.mean(axis=0), 0, atol=1e-12)
    stds = split.X_train.std(axis=0)
    # pixels that are blank in every training image stay 0 (std 1 is kept to avoid 0/0)
    assert np.all((np.abs(stds - 1) < 1e-12) | (stds == 0)) and np.sum(stds == 0) >= 1
    again = digits_split(n_test=297, seed=0)
    assert np.array_equal(split.X_test, again.X_test)
    other = digits_split(n_test=297, seed=1)
    assert not np.array_equal(split.y_test, other.y_test)
    # together the two sets hold every image once: every digit is counted as often as before
    from helpers.models.data import load_digits

    assert np.array_equal(np.bincount(np.concatenate([split.y_train, split.y_test])),
                          np.bincount(load_digits()[1]))


@pytest.mark.parametrize("n_test", [0, 1796, 2.5, True, "10"])
def test_digits_split_rejects_bad_sizes(n_test):
    from helpers.models.data import digits_split

    with pytest.raises(ValueError, match="n_test"):
        digits_split(n_test=n_test)


def test_class_accuracy():
    from helpers.models.data import class_accuracy

    logits = np.array([[2.0, 1.0], [0.0, 3.0], [np.nan, 1.0]])
    assert class_accuracy(logits, np.array([0, 1, 1])) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="shape"):
        class_accuracy(logits, np.array([0, 1]))
