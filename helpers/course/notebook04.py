"""Notebook 04, initialization: the std of a^[l] layer by layer under each scheme.

:func:`activation_stds` is what the notebook prints and what its slider figure draws. A curve
is computed only as deep as it has been asked for and continued when a deeper layer is wanted,
so a new width costs the layers on show, not the deepest the slider allows; the cache keeps
the numbers (and one batch of activations to continue from), never the matrices.
"""
from functools import lru_cache

import numpy as np

from ..math.activations import get_activation
from ..math.checks import choice, quiet_float_errors, whole_number
from ..math.initializers import gain, initialize
from ..math.stack import Layer, layer_forward
from ..math.statistics import scale_safe

STDS_MAX_DEPTH = 100
STDS_BATCH = 64  # 64 examples x n units: enough values for a steady std estimate
# scheme -> (label, init name in helpers.math.initializers, weight_scale); Var(W) in the label.
# "lecun_gain" is scaled by gain(activation) when it is used (5/3 for tanh, sqrt(2) for ReLU).
SCHEMES = {
    "zeros": ("zeros: W = 0", "zeros", 1.0),
    "too_small": ("too small: N(0, 0.01²)", "normal", 0.01),
    "too_large": ("too large: N(0, 1)", "normal", 1.0),
    "classic_uniform": ("classic U[−1/√n, 1/√n]: 1/(3n)", "classic_uniform", 1.0),
    "lecun": ("LeCun: 1/n_in", "lecun", 1.0),
    "xavier": ("Xavier normal: 2/(n_in+n_out)", "xavier", 1.0),
    "xavier_uniform": ("Xavier uniform: 2/(n_in+n_out)", "xavier_uniform", 1.0),
    "he": ("He: 2/n_in", "he", 1.0),
    "lecun_gain": ("LeCun × gain: gain²/n_in", "lecun", 1.0),
}
SCHEME_NAMES = tuple(SCHEMES)


def scheme_label(scheme):
    """The human-readable name of ``scheme`` (with its Var(W)), e.g. for legends and tables."""
    return SCHEMES[choice("scheme", scheme, SCHEME_NAMES)][0]


def scheme_init(scheme, activation):
    """(init name, weight_scale) to pass to ``MLP`` for ``scheme`` in a network of ``activation``."""
    _, init, weight_scale = SCHEMES[choice("scheme", scheme, SCHEME_NAMES)]
    if scheme == "lecun_gain":
        weight_scale = gain(activation)
    return init, weight_scale


class _StdCurve:
    """The std of a^[0..] in one network, computed as deep as asked and continued on demand.

    The network a^[l] = g(a^[l-1] @ W^[l]) applies g after every layer, the last too, and has
    no biases; unlike the MLP (whose output layer is linear) that is what notebook 04
    measures. W^[l] = weight_scale * B^[l], with B^[1], B^[2], ... drawn one after the other
    from a generator seeded with ``seed``, so a curve continued later is the same curve.
    """

    def __init__(self, scheme, activation, width, seed):
        self.init, self.weight_scale = scheme_init(scheme, activation)
        self.activation, self.width = activation, whole_number("width", width, low=2)
        self.rng = np.random.default_rng(seed)
        self.a = np.random.default_rng([seed, width]).standard_normal(size=(STDS_BATCH, width))
        self.stds = [scale_safe(np.std, self.a)]

    def up_to(self, depth):
        """std of a^[0..depth] (read-only)."""
        with quiet_float_errors():
            while len(self.stds) <= depth:
                W = initialize(self.init, (self.width, self.width), self.rng)
                layer = Layer(self.weight_scale * W, None, self.activation)
                self.a, _ = layer_forward(self.a, layer)
                self.stds.append(scale_safe(np.std, self.a))
        curve = np.array(self.stds[:depth + 1])
        curve.setflags(write=False)
        return curve


@lru_cache(maxsize=128)
def _std_curve(scheme, activation, width, seed):
    return _StdCurve(scheme, activation, width, seed)


def activation_stds(scheme, activation="tanh", depth=50, width=128, seed=0):
    """std of a^[l] for l = 0..depth: (depth + 1,) array; a^[0] is N(0, 1) input, 64 examples.

    The network is square (every layer n = width units), has no biases, and applies
    ``activation`` after every layer. Every depth of one (scheme, activation, width, seed)
    reads the same cached curve, continued when a deeper layer is asked for.
    """
    choice("scheme", scheme, SCHEME_NAMES)
    get_activation(activation)
    depth = whole_number("depth", depth, 1, STDS_MAX_DEPTH)
    return _std_curve(scheme, activation, width, seed).up_to(depth)  # it checks the width


def growth_per_layer(stds):
    """The geometric-mean factor by which one layer multiplies the std: (std_L / std_0)^(1/L)."""
    stds = np.asarray(stds, dtype=float)
    depth = len(stds) - 1
    with quiet_float_errors():
        return float((stds[-1] / stds[0]) ** (1.0 / depth))
