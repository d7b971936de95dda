"""Helpers for the course on vanishing and exploding gradients.

Where things live (read top to bottom once):

- activations  -- g(z) and g'(z) for linear, sigmoid, tanh, relu, leaky_relu
- initializers -- variance_scaling core, named schemes (lecun, xavier, he, ...), gain()
- layers       -- *_forward / *_backward pairs and the loss
- network      -- the deep MLP, per-layer statistics, a small training loop
- rnn          -- vanilla RNN and LSTM forward/backward through time, ||dL/dh_t|| per step
- memory_task  -- recall-the-first-symbol task, Adam and a clipped trainer (notebook 05)
- gradcheck    -- numerical gradients and rel_error, to check every backward pass
- data         -- the seeded two-circles problem and accuracy, for the training runs
- gaussian     -- E[f(z)] for Gaussian z by Gauss-Hermite quadrature (no sampling noise)
- normalization -- batch/layer norm forward/backward, a deep normalized net's profile
- isometry     -- singular values of the input-output Jacobian (notebook 07)
- meanfield    -- q*, chi_1, depth scale, critical line of deep tanh nets, and the simulation
- plotting     -- pure drawing functions (no computation)
- widgets      -- sliders wired to figures that redraw fast
- png          -- the fast PNG encoder behind every slider frame
- blitting     -- a LiveFigure that redraws only its moving artists
- dashboard    -- the instructor view (every figure in FIGURES, one tab each; Voila)
- figures      -- each notebook's slider figures, listed in figures.FIGURES
- exercises    -- the checkers behind each notebook's exercises
"""
import sys

import numpy  # loads numpy's OpenBLAS, which the limit below can reach only once loaded
from threadpoolctl import threadpool_limits

# The course's matrices are small. One BLAS thread is never slower for them, while two on a
# machine busy with other jobs made products and eigen-solves 5-10x slower (measured; see
# README "Speed"). One limit for the whole process, set here where every use of helpers
# passes: make, Binder, a plain Jupyter and Voila alike.
threadpool_limits(limits=1, user_api="blas")

from .math.activations import ACTIVATION_NAMES, get_activation
from .math.gradcheck import numerical_gradient, rel_error
from .math.initializers import INIT_NAMES, gain, initialize, variance_scaling
from .math.layers import mse_loss
from .models import network, rnn
from .models.network import MLP, LayerStats, TrainingHistory, clip_by_global_norm, make_sizes, train
from .theory import meanfield

# helpers.network, helpers.rnn and helpers.meanfield are older than the folders, and issues and
# code elsewhere name them: they stay importable as the very same modules (not copies).
for _old_name, _module in (("network", network), ("rnn", rnn), ("meanfield", meanfield)):
    sys.modules[f"{__name__}.{_old_name}"] = _module

__all__ = [
    "ACTIVATION_NAMES",
    "INIT_NAMES",
    "MLP",
    "LayerStats",
    "TrainingHistory",
    "clip_by_global_norm",
    "gain",
    "get_activation",
    "initialize",
    "make_sizes",
    "mse_loss",
    "numerical_gradient",
    "rel_error",
    "train",
    "variance_scaling",
]
