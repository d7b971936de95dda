"""Reference answers for notebook 01."""
import math

import numpy as np


def layers_to_shrink():
    # the first whole L with 0.9**L < 1e-3: L > ln(1e-3) / ln(0.9) = 65.56
    return math.floor(math.log(1e-3) / math.log(0.9)) + 1


def random_layer_growth():
    # z_j = sum_i a_i W_ij: 64 independent terms, so Var(z_j) = 64 * Var(W) * mean(a_i**2) and the
    # RMS grows by sqrt(64) = 8 (the letter of "about 8")
    return "c"


def std_for_constant_size(width=64):
    # Var(a^[l]) = n * Var(W) * Var(a^[l-1]) stays put when Var(W) = 1/n
    return 1 / math.sqrt(width)


def overflow_layer(weight_scale=1.9):
    """Multiply 1.0 by the weight scale, as the network does, until float64 gives inf."""
    value, layers = np.float64(1.0), 0
    with np.errstate(over="ignore"):
        while np.isfinite(value):
            value *= weight_scale
            layers += 1
    return layers
