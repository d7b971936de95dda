"""Reference answers for notebook 03."""
import numpy as np


def saturated_percent(std=1.5, level=0.97, samples=1_000_000, seed=0):
    """Estimated the way a learner would: sample z ~ N(0, std^2) and count |tanh(z)| > level."""
    z = np.random.default_rng(seed).normal(0.0, std, size=samples)
    return 100.0 * np.mean(np.abs(np.tanh(z)) > level)


def leaky_relu_chi(alpha=0.2, sigma_w2=1.0, samples=1_000_000, seed=0):
    """chi = sigma_w2 * E[g'(z)^2], with E estimated the way a learner might: by sampling z."""
    z = np.random.default_rng(seed).normal(size=samples)
    slope = np.where(z > 0, 1.0, alpha)
    return sigma_w2 * float(np.mean(slope**2))


def relu_slope_prediction():
    # relu'(z)^2 is 1 for z > 0 and 0 for z < 0: its mean is P(z > 0) = 1/2 at any spread
    return "b"


def tanh_scale_prediction():
    # chi = sigma_w2 * E[tanh'(z)^2] = 4 * 0.34 = 1.36 > 1: the gradient grows towards the input
    return "c"
