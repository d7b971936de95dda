"""Reference answers for notebook 04."""
import math

from helpers.math.initializers import gain


def xavier_uniform_limit(n_in=256, n_out=64):
    # U[-r, r] has variance r**2 / 3; setting it to Glorot's 2 / (n_in + n_out) gives r
    return math.sqrt(3 * 2 / (n_in + n_out))


def he_init(n_in, n_out, rng):
    # zero-mean Gaussian with variance 2 / n_in: ReLU keeps half the second moment, 2 makes up for it
    return rng.normal(0.0, math.sqrt(2 / n_in), size=(n_in, n_out))


def tanh_std(n_in=400):
    # Var(W) = gain**2 / n_in with the tanh gain; the std is its square root
    return gain("tanh") / math.sqrt(n_in)


def chi_relu(sigma_w2):
    # chi = sigma_w2 * E[relu'(z)^2]; relu'(z)^2 is 1 for z > 0 and 0 for z < 0, and a zero-mean
    # Gaussian z is positive half of the time, so E[relu'(z)^2] = 1/2 whatever its variance
    return sigma_w2 * 0.5
