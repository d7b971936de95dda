"""Notebook 01, a product of matrices: the size of a^[l] through w·B^[l], layer by layer.

:func:`activation_sizes` is what the notebook prints and what its slider figure draws. The
matrices B^[l] are drawn at unit scale, one after the other, only as deep as a depth has asked,
and rescaled by the weight scale w on every move.
"""
from functools import lru_cache

import numpy as np

from ..math.checks import choice, quiet_float_errors, whole_number
from ..math.initializers import initialize, rescaled
from ..math.statistics import rms, scale_safe
from ..models.network import MLP

SIZES_MAX_DEPTH = 2000
# the three kinds of matrix notebook 01 compares, by the init scheme that draws B
MATRIX_KINDS = {
    "w·I (scaled identity)": "identity",
    "Gaussian, std w": "normal",
    "Gaussian, std w/√n": "lecun",
}


class _UnitWeights:
    """B^[1], B^[2], ... of the scheme ``init``, square (width, width), at weight_scale 1: drawn
    one after the other from one generator seeded with ``seed``, only as far as asked; a deeper
    depth continues the same draw. Read-only."""

    def __init__(self, init, width, seed):
        self.init, self.width = init, width
        self.rng = np.random.default_rng(seed)
        self.drawn = []

    def first(self, depth):
        while len(self.drawn) < depth:
            W = initialize(self.init, (self.width, self.width), self.rng)
            W.setflags(write=False)
            self.drawn.append(W)
        return self.drawn[:depth]


# one kind and width at a time: at depth 2000 and width 64 it holds 65 MB of matrices, and
# drawing a new one as deep as the slider stands costs less than a frame's drawing
@lru_cache(maxsize=1)
def unit_weights(init, width, seed=0):
    """The :class:`_UnitWeights` of (init, width, seed): ``unit_weights(...).first(depth)``."""
    return _UnitWeights(init, width, seed)


def activation_sizes(depth, weight_scale, kind="w·I (scaled identity)", width=2,
                     activation="linear", seed=0):
    """RMS size of a^[l] for l = 0..depth with W^[l] = weight_scale * B^[l], starting from
    x = (1, ..., 1): ((depth + 1,) sizes, the network). For the scaled identity and a linear
    activation the size is exactly weight_scale**l.
    """
    init = MATRIX_KINDS[choice("kind", kind, MATRIX_KINDS)]
    depth = whole_number("depth", depth, 1, SIZES_MAX_DEPTH)
    base = unit_weights(init, width, seed).first(depth)
    net = MLP.from_weights(rescaled(base, weight_scale), activation=activation)
    net.forward(np.ones((1, width)))
    # the RMS alone (not every statistic of layer_stats), of every layer in one call: a slider
    # goes 2000 layers deep, and one call per layer cost half of a frame
    with quiet_float_errors():
        sizes = scale_safe(rms, np.concatenate(net.activations[1:]), axis=1)
    return np.concatenate([[1.0], sizes]), net
