"""The course's slider figures, one module per topic, all listed in FIGURES.

Each entry builds a :class:`helpers.widgets.LiveFigure`: display it in a notebook, or call
``.set(...)`` on it from code (the benchmark and the browser tests do). Add a new figure here
so the benchmark measures it.
"""
from . import edge_of_chaos
from . import notebook01
from . import notebook02
from . import notebook03
from . import notebook04
from . import notebook05
from . import notebook06
from . import notebook07

# name -> (builder, a list of control settings to step through when benchmarking)
FIGURES = {
    "01_activations_through_depth": (notebook01.activations_through_depth, notebook01.BENCH_MOVES),
    "02_gradients_through_depth": (notebook02.gradients_through_depth, notebook02.BENCH_MOVES),
    "03_activation_histograms": (notebook03.activation_histograms, notebook03.BENCH_MOVES),
    "04_initialization": (notebook04.initialization_through_depth,
                          notebook04.BENCH_MOVES),
    "05_gradient_through_time": (notebook05.gradient_through_time_figure,
                                 notebook05.BENCH_MOVES),
    "06_plain_vs_residual": (notebook06.plain_vs_residual, notebook06.BENCH_MOVES),
    "07_jacobian_spectrum": (notebook07.jacobian_spectrum, notebook07.BENCH_MOVES),
    "07_edge_of_chaos": (edge_of_chaos.edge_of_chaos, edge_of_chaos.BENCH_MOVES),
}
