"""The course's slider figures, one module per topic, all listed in FIGURES.

Each entry builds a :class:`helpers.widgets.LiveFigure`: display it in a notebook, or call
``.set(...)`` on it from code (the benchmark and the browser tests do). Add a new figure here
so the benchmark measures it.
"""
from . import activations
from . import depth
from . import edge_of_chaos
from . import gradients
from . import initialization
from . import isometry
from . import residual
from . import through_time

# name -> (builder, a list of control settings to step through when benchmarking)
FIGURES = {
    "01_activations_through_depth": (depth.activations_through_depth, depth.BENCH_MOVES),
    "02_gradients_through_depth": (gradients.gradients_through_depth, gradients.BENCH_MOVES),
    "03_activation_histograms": (activations.activation_histograms, activations.BENCH_MOVES),
    "04_initialization": (initialization.initialization_through_depth,
                          initialization.BENCH_MOVES),
    "05_gradient_through_time": (through_time.gradient_through_time_figure,
                                 through_time.BENCH_MOVES),
    "06_plain_vs_residual": (residual.plain_vs_residual, residual.BENCH_MOVES),
    "07_jacobian_spectrum": (isometry.jacobian_spectrum, isometry.BENCH_MOVES),
    "07_edge_of_chaos": (edge_of_chaos.edge_of_chaos, edge_of_chaos.BENCH_MOVES),
}
