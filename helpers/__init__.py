"""Helpers for the course on vanishing and exploding gradients.

Where things live, one layer per folder (read top to bottom once). Imports point down only:
figures use live, drawing, course, theory and models; course uses models, theory and math;
models and theory use math; nothing below reaches up, and a checker never uses a figure.

math/       the mathematics
  activations   g(z) and g'(z) by name (g' also from the output a = g(z)); SATURATION_LEVEL
  initializers  one variance_scaling core; lecun, xavier, he, ... as aliases; gain();
                drawn_once and rescaled: draw once at unit scale, rescale per slider move
  layers        *_forward / *_backward pairs: affine, activation, residual, batch and layer
                norm; mse_loss, softmax_cross_entropy, softmax
  stack         the one forward/backward core of every deep network: a layer in either
                order (g after or before the affine map), bias, skip and norm optional
  gradcheck     numerical gradients and Jacobians, rel_error
  gaussian      E[f(z)] for Gaussian z by the trapezoid rule on a fine grid (any width)
  statistics    norms and stds that do not overflow, the global norm, % histograms
  checks        argument checks with one wording, quiet_float_errors()
models/     networks and what they compute (concepts, not notebooks)
  network       the deep MLP (batch norm and skips optional) on the core
  diagnostics   per-layer statistics: activation std, % saturated / dead, gradient norms
  training      the one training loop (any optimizer, clipping, one meaning of "diverged")
  optimizers    SGD and Adam, returning the step they take
  rnn           RNN and LSTM: one step (read this) and whole sequences; the gradient through time
  memory_task   the recall-the-first-symbol task and its recurrent model
  data          the seeded two-circles problem and the handwritten digits (shipped)
theory/     what theory predicts
  meanfield     q*, chi_1, the depth scale, the critical line, and the simulation
  isometry      singular values of the input-output Jacobian
course/     what each notebook sets up and measures, one module per notebook (notebook01 ...
            notebook08): which network, data, seeds and sizes; cached as numbers
drawing     pure drawing: decades axes, stepped limits, the magnitude plot
palette     the course's colours, each with one meaning in every figure (colour-blind safe)
live/       slider figures that answer fast
  widgets       LiveFigure (controls + a figure redrawn in place), sliders, progress
  blitting      BlitLiveFigure: only the moving artists are drawn per frame
  png           the fast PNG encoder behind every frame
  names         accessible names for the controls (what a screen reader says)
figures/    one module per notebook (notebook01 ... notebook08): plot classes, controls,
            bench moves; every figure listed in figures.FIGURES
exercises/  the checkers, one module per notebook (solutions/ beside the package)
dashboard   the instructor view: every figure in FIGURES, one tab each (Voila)
lecture     the lecture: the course's argument as steps on one code-free page (make present);
  lecture_steps  its script, notebook 01 to 08, as timed steps

The names below are the ones the notebooks use most. Importing helpers limits numpy's BLAS to
one thread (see below).
"""
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
from .models.diagnostics import LayerStats
from .models.network import MLP, make_sizes
from .models.training import TrainingHistory, clip_by_global_norm, train

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
