"""Reference answers for notebook 04."""
import math


def xavier_uniform_limit(n_in=256, n_out=64):
    # U[-r, r] has variance r**2 / 3; setting it to Glorot's 2 / (n_in + n_out) gives r
    return math.sqrt(3 * 2 / (n_in + n_out))


def he_init(n_in, n_out, rng):
    # zero-mean Gaussian with variance 2 / n_in: ReLU keeps half the second moment, 2 makes up for it
    return rng.normal(0.0, math.sqrt(2 / n_in), size=(n_in, n_out))
