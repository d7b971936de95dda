"""Notebook 01, a product of matrices: the size of a^[l] through w·B^[l], layer by layer.

:func:`activation_sizes` is what the notebook prints and what its slider figure draws. The
matrices B^[l] are drawn once per (kind, width, seed) at unit scale and rescaled by the weight
scale w on every move.
"""
import numpy as np

from ..math.checks import choice, whole_number
from ..math.initializers import drawn_once, initialize, rescaled
from ..models.network import MLP

SIZES_MAX_DEPTH = 2000
FIGURE_MAX_DEPTH = 200  # the slider's range: draws this deep serve every move of the figure
# the three kinds of matrix notebook 01 compares, by the init scheme that draws B
MATRIX_KINDS = {
    "w·I (scaled identity)": "identity",
    "Gaussian, std w": "normal",
    "Gaussian, std w/√n": "lecun",
}


@drawn_once(maxsize=4)
def unit_weights(init, width, depth, seed=0):
    """``depth`` square (width, width) matrices of the scheme ``init`` at weight_scale 1, drawn
    one after the other from a generator seeded with ``seed`` (a deeper call draws the same
    first matrices, then more)."""
    rng = np.random.default_rng(seed)
    return tuple(initialize(init, (width, width), rng) for _ in range(depth))


def activation_sizes(depth, weight_scale, kind="w·I (scaled identity)", width=2,
                     activation="linear", seed=0):
    """RMS size of a^[l] for l = 0..depth with W^[l] = weight_scale * B^[l], starting from
    x = (1, ..., 1): ((depth + 1,) sizes, the network). For the scaled identity and a linear
    activation the size is exactly weight_scale**l.
    """
    init = MATRIX_KINDS[choice("kind", kind, MATRIX_KINDS)]
    depth = whole_number("depth", depth, 1, SIZES_MAX_DEPTH)
    # the figure's depths share one smaller draw; only a deeper notebook cell draws them all
    drawn = FIGURE_MAX_DEPTH if depth <= FIGURE_MAX_DEPTH else SIZES_MAX_DEPTH
    base = unit_weights(init, width, drawn, seed)
    net = MLP.from_weights(rescaled(base[:depth], weight_scale), activation=activation)
    net.forward(np.ones((1, width)))
    return np.concatenate([[1.0], net.layer_stats().act_rms]), net
