"""Helpers for the course on vanishing and exploding gradients.

Where things live, one layer per folder (read top to bottom once). Imports point down only:
figures use live, drawing, theory and models; models and theory use math; nothing below
reaches up, and a checker never uses a figure.

math/       the mathematics
  activations   g(z) and g'(z) by name; SATURATION_LEVEL
  initializers  one variance_scaling core; lecun, xavier, he, ... as aliases; gain()
  layers        *_forward / *_backward pairs, mse_loss and softmax_cross_entropy
  gradcheck     numerical gradients and Jacobians, rel_error
  gaussian      E[f(z)] for Gaussian z by the trapezoid rule on a fine grid (any width)
  statistics    norms and stds that do not overflow, % histograms
  checks        argument checks with one wording, quiet_float_errors()
models/     networks and what they compute
  network       the deep MLP (batch norm optional), per-layer statistics, training with
                any optimizer: loss, gradient norms and update-to-data ratios per step
  rnn           RNN and LSTM: one step (read this) and whole sequences; the gradient
                through time (notebook 05)
  optimizers    SGD and Adam, returning the step they take (notebooks 05, 08)
  memory_task   recall-the-first-symbol task and a clipped trainer (notebook 05)
  normalization batch/layer norm forward/backward, a deep normalized net
  data          the seeded two-circles problem and the handwritten digits (shipped)
  digits        notebook 08's networks on the digits, trained and diagnosed step by step
  profiles      per-layer numbers of one network at init (notebooks 01-04)
  residual      plain and residual networks, the residual stream (notebook 06)
theory/     what theory predicts (notebook 07)
  meanfield     q*, chi_1, the depth scale, the critical line, and the simulation
  isometry      singular values of the input-output Jacobian
drawing     pure drawing: decades axes, stepped limits, the magnitude plot
live/       slider figures that answer fast
  widgets       LiveFigure (controls + a figure redrawn in place), sliders, progress
  blitting      BlitLiveFigure: only the moving artists are drawn per frame
  png           the fast PNG encoder behind every frame
figures/    one module per notebook (notebook01 ... notebook08): plot classes, controls,
            bench moves; every figure listed in figures.FIGURES
exercises/  the checkers, one module per notebook (solutions/ beside the package)
dashboard   the instructor view: every figure in FIGURES, one tab each (Voila)

The names below are the ones the notebooks use most. Importing helpers limits numpy's BLAS to
one thread (see below).
"""
import sys

import numpy  # loads numpy's OpenBLAS, which the limit below can reach only once loaded
from threadpoolctl import threadpool_limits

# The course's matrices are small. One BLAS thread is never slower for them, while two on a
# busy 2-core machine made a 256x256 product 70 times slower (median 0.70 ms -> 48 ms, load
# average 7, measured 2026-12-02). One limit for the whole process, set here where every use
# of helpers passes: make, Binder, a JupyterHub, a plain Jupyter and Voila alike.
BLAS_THREADS = 1
threadpool_limits(limits=BLAS_THREADS, user_api="blas")

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
