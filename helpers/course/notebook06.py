"""Notebook 06, residual connections: plain and residual networks on the two circles.

Both are the course's MLP (:mod:`helpers.models.network`) at initialization: L layers of
width ``WIDTH``, LeCun's variance 1/n times the activation's gain (for ReLU that is He's
2/n). The residual one adds identity skips to every hidden layer but the first and the last:

    post-activation:  a^[l] = a^[l-1] + s * g(a^[l-1] @ W^[l] + b^[l])
    pre-activation:   a^[l] = a^[l-1] + s * (g(a^[l-1]) @ W^[l] + b^[l])

with branch scale s, 1 or 1/sqrt(L) (:data:`BRANCH_SCALES`).
"""
import math
from functools import lru_cache

import numpy as np

from ..math.checks import choice, quiet_float_errors, whole_number
from ..math.initializers import gain
from ..math.layers import mse_loss
from ..models.data import accuracy, make_circles
from ..models.network import MLP, make_sizes
from ..models.training import train

WIDTH = 16
N_SAMPLES = 200

# rule name -> the branch scale s as a function of the depth L
BRANCH_SCALES = {
    "1 (unscaled)": lambda depth: 1.0,
    "1/√L": lambda depth: 1.0 / math.sqrt(depth),
}


def branch_scale_for(rule, depth):
    """The branch scale s that ``rule`` (a key of BRANCH_SCALES) gives at depth L."""
    return BRANCH_SCALES[choice("rule", rule, BRANCH_SCALES)](depth)


@lru_cache(maxsize=4)
def circles(n_samples=N_SAMPLES, seed=0):
    """The two-circles data every network of notebook 06 sees: X (N, 2), y (N, 1) in {-1, +1}."""
    return make_circles(n_samples, seed=seed)


def circles_network(depth, residual, activation="relu", branch_scale=1.0, preactivation=True,
                  width=WIDTH, seed=0):
    """A fresh MLP [2, width, ..., width, 1] of ``depth`` layers, LeCun init times gain(activation).

    A residual block needs a hidden layer on each side, so depth is at least 3.
    """
    depth = whole_number("depth", depth, low=3)
    return MLP(make_sizes(depth, width, n_in=2, n_out=1), activation=activation, init="lecun",
               weight_scale=gain(activation), residual=residual, branch_scale=branch_scale,
               preactivation=preactivation, seed=seed)


@lru_cache(maxsize=512)
def gradient_norms(depth, residual, activation="relu", branch_scale=1.0, preactivation=True,
                   width=WIDTH, seed=0):
    """||dL/dW^[l]|| for l = 1..L, (L,), at initialization with the MSE loss on the circles
    (cached, read-only)."""
    net = circles_network(depth, residual, activation, branch_scale, preactivation, width, seed)
    X, y = circles()
    _, dout = mse_loss(net.forward(X), y)
    grads = net.backward(dout)
    with quiet_float_errors():
        norms = np.array([np.linalg.norm(dW) for dW in grads["weights"]])
    norms.flags.writeable = False
    return norms


def train_on_circles(net, steps=200, lr=0.05):
    """Full-batch gradient descent on the circles (MSE): returns (TrainingHistory, accuracy)."""
    X, y = circles()
    history = train(net, X, y, steps=steps, lr=lr)
    return history, accuracy(net.forward(X), y)


def stream_second_moments(blocks, branch_scale=1.0, preactivation=True, activation="relu",
                          width=256, n_samples=128, seed=0):
    """E[a^2] of the residual stream after each of ``blocks`` blocks: (blocks + 1,), entry 0 is a^[1].

    A wide network (He-style init, LeCun times gain) fed Gaussian inputs X (n_samples, width),
    so the averages are close to their expectations.
    """
    net = MLP(make_sizes(blocks + 2, width), activation=activation, init="lecun",
              weight_scale=gain(activation), residual=True, branch_scale=branch_scale,
              preactivation=preactivation, seed=seed)
    X = np.random.default_rng(seed + 1).normal(size=(n_samples, width))
    net.forward(X)
    with quiet_float_errors():
        return np.array([np.mean(a * a) for a in net.activations[1:-1]])
