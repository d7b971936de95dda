"""Reference answers for notebook 03."""
import math

import numpy as np


def sigmoid_layers(peak_slope=0.25, vanished=1e-6):
    # the first whole L with peak_slope**L < vanished: L > ln(vanished) / ln(peak_slope)
    return math.floor(math.log(vanished) / math.log(peak_slope)) + 1


def saturated_percent(std=1.5, level=0.97, samples=1_000_000, seed=0):
    """Estimated the way a learner would: sample z ~ N(0, std^2) and count |tanh(z)| > level."""
    z = np.random.default_rng(seed).normal(0.0, std, size=samples)
    return 100.0 * np.mean(np.abs(np.tanh(z)) > level)
