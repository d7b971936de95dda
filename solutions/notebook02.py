"""Reference answers for notebook 02."""
import math

import numpy as np


def weight_gradient_decades(depth=100, weight_scale=1.5):
    # ReLU is positively homogeneous, so scaling every weight by c scales the forward signal
    # reaching layer l by c**(l - 1) and the backward signal leaving it by c**(L - l)
    return (depth - 1) * math.log10(weight_scale)


def clip_gradients(grads, max_norm):
    """g <- min(1, max_norm / ||g||) * g, with ||g|| over every entry of every array."""
    global_norm = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
    factor = min(1.0, max_norm / global_norm) if global_norm > 0 else 1.0
    return [g * factor for g in grads]


def clipping_rescues():
    # clipping rescales g only when ||g|| > θ: the exploding runs' gradients (1e5 at step 0) are,
    # the vanishing runs' (about 1e-6 of their proper size) are not: "only the exploding runs"
    return "a"
