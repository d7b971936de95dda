"""Weight initializers: one variance-scaling core, every named scheme a thin alias of it.

A weight matrix has shape ``(fan_in, fan_out)`` (the course multiplies ``x @ W``). The core
draws entries with variance ``scale / n`` where n is fan_in, fan_out or their average:

=================  =============================  =========================
scheme             Var(W)                         core call
=================  =============================  =========================
lecun              1 / n_in                       scale=1, mode="fan_in"
xavier / glorot    2 / (n_in + n_out)             scale=1, mode="fan_avg"
he / kaiming       2 / n_in                       scale=2, mode="fan_in"
=================  =============================  =========================

The network multiplies the result by ``weight_scale``, so ``init="identity",
weight_scale=1.5`` is the 1.5·I of notebook 01 and ``init="normal", weight_scale=0.01`` is
"Gaussian with std 0.01".

A slider that moves a weight scale should not draw new matrices on every move: draw them once
at scale 1 with :func:`drawn_once`, then multiply (``weight_scale * W``): the same matrices,
rescaled.
"""
import inspect
import math
from functools import lru_cache, wraps

import numpy as np

from .activations import LEAKY_SLOPE, get_activation
from .checks import choice

TANH_GAIN = 5.0 / 3.0  # PyTorch's gain for tanh (calculate_gain)
MODES = ("fan_in", "fan_out", "fan_avg")
DISTRIBUTIONS = ("normal", "uniform")


def variance_scaling(shape, rng, scale=1.0, mode="fan_in", distribution="normal"):
    """Draw a (fan_in, fan_out) matrix whose entries have mean 0 and variance scale / n.

    ``n`` is fan_in, fan_out or (fan_in + fan_out) / 2 depending on ``mode``. A uniform draw
    on [-limit, limit] has variance limit**2 / 3, so limit = sqrt(3 * scale / n).
    (Unlike JAX, "normal" here is a plain, untruncated Gaussian.)
    """
    choice("mode", mode, MODES)
    choice("distribution", distribution, DISTRIBUTIONS)
    fan_in, fan_out = shape
    n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[mode]
    variance = scale / n
    # the same numbers as rng.normal(0, std) and rng.uniform(-limit, limit), which compute
    # 0 + std * standard_normal and -limit + 2 limit * random, at about twice the speed
    if distribution == "normal":
        return math.sqrt(variance) * rng.standard_normal(size=shape)
    limit = math.sqrt(3.0 * variance)
    return -limit + (2.0 * limit) * rng.random(size=shape)


def orthogonal(shape, rng):
    """A matrix with orthonormal rows or columns (whichever are fewer), Haar-distributed."""
    fan_in, fan_out = shape
    gaussian = rng.normal(size=(max(shape), min(shape)))
    q, r = np.linalg.qr(gaussian)
    # multiplying by the signs of diag(r) makes the distribution uniform over orthogonal matrices
    q = q * np.sign(np.diag(r))
    return q if fan_in >= fan_out else q.T


INITIALIZERS = {
    "zeros": lambda shape, rng: np.zeros(shape),
    # N(0, 1) entries: pick the std with weight_scale
    "normal": lambda shape, rng: rng.standard_normal(size=shape),
    # the old default U[-1/sqrt(n_in), 1/sqrt(n_in)]: variance 1 / (3 n_in), too small for deep nets
    "classic_uniform": lambda shape, rng: variance_scaling(shape, rng, 1 / 3, "fan_in", "uniform"),
    "lecun": lambda shape, rng: variance_scaling(shape, rng, 1.0, "fan_in", "normal"),
    "xavier": lambda shape, rng: variance_scaling(shape, rng, 1.0, "fan_avg", "normal"),
    "xavier_uniform": lambda shape, rng: variance_scaling(shape, rng, 1.0, "fan_avg", "uniform"),
    "he": lambda shape, rng: variance_scaling(shape, rng, 2.0, "fan_in", "normal"),
    "he_uniform": lambda shape, rng: variance_scaling(shape, rng, 2.0, "fan_in", "uniform"),
    "orthogonal": orthogonal,
    # np.eye works for rectangular shapes too: it copies the first min(n_in, n_out) coordinates
    "identity": lambda shape, rng: np.eye(*shape),
}
# the other names people use for the same schemes
INITIALIZERS["glorot"] = INITIALIZERS["xavier_normal"] = INITIALIZERS["xavier"]
INITIALIZERS["glorot_uniform"] = INITIALIZERS["xavier_uniform"]
INITIALIZERS["kaiming"] = INITIALIZERS["he_normal"] = INITIALIZERS["he"]
INITIALIZERS["kaiming_uniform"] = INITIALIZERS["he_uniform"]
INITIALIZERS["lecun_normal"] = INITIALIZERS["lecun"]

INIT_NAMES = tuple(INITIALIZERS)


def initialize(name, shape, rng):
    """Draw a weight matrix of ``shape`` with the scheme called ``name``."""
    return INITIALIZERS[choice("init", name, INIT_NAMES)](tuple(shape), rng)


def gain(activation, negative_slope=LEAKY_SLOPE):
    """The factor by which to multiply a unit-variance init for ``activation`` (as in PyTorch).

    linear and sigmoid 1, tanh 5/3, relu sqrt(2), leaky_relu sqrt(2 / (1 + negative_slope**2)).
    """
    name = get_activation(activation).name
    if name == "tanh":
        return TANH_GAIN
    if name == "relu":
        return math.sqrt(2.0)
    if name == "leaky_relu":
        return math.sqrt(2.0 / (1.0 + negative_slope**2))
    return 1.0


def _read_only(value):
    """Every array in ``value`` (an array, or tuples/lists of them, nested) made read-only."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _read_only(item)
    return value


def drawn_once(maxsize):
    """Decorator for a function that draws random arrays at unit scale from its arguments (a
    seed among them): each argument set is drawn once, kept (``maxsize`` sets at most) and
    made read-only, so that every slider move rescales the same draws instead of drawing new
    ones. Keep what it caches small: numbers, never a network.
    """
    def decorate(draw):
        cached = lru_cache(maxsize=maxsize)(lambda *args: _read_only(draw(*args)))
        signature = inspect.signature(draw)

        @wraps(draw)
        def drawn(*args, **kwargs):
            # one cache entry per argument set, however it is spelled (seed=0 or 0 or left out)
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return cached(*bound.args)

        drawn.cache_clear = cached.cache_clear
        return drawn
    return decorate


def rescaled(unit_weights, weight_scale):
    """[weight_scale * W for W in unit_weights]: unit-scale draws at the slider's scale."""
    return [weight_scale * W for W in unit_weights]
