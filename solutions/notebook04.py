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


def leaky_relu_gain(alpha):
    # chi = sigma_w2 * E[g'(z)^2] with E[g'(z)^2] = (1 + alpha**2) / 2 (slope 1 half of the time,
    # alpha the other half); chi = 1 asks for sigma_w2 = 2 / (1 + alpha**2), the gain squared
    return math.sqrt(2 / (1 + alpha**2))


def variance_factor(n_in=256, weight_std=0.1):
    # one layer multiplies the second moment by n_in * Var(W)
    return n_in * weight_std**2


def relu_lecun_factor():
    # ReLU keeps half the second moment; n_in * Var(W) = 1 gives nothing back: std x 1/sqrt(2)
    return 1 / math.sqrt(2)
