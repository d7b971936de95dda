"""The course's slider figures: one module per notebook, every figure listed in FIGURES.

A figure module holds its plot classes, its controls and its bench moves; what it draws is
computed in helpers.models and helpers.theory. Each builder returns a
:class:`helpers.live.blitting.BlitLiveFigure`: display it in a notebook, or call ``.set(...)``
on it from code (the benchmark and the browser tests do). A figure listed here appears in
the instructor view and is measured by bench/interaction.py.
"""
from . import (notebook01, notebook02, notebook03, notebook04, notebook05, notebook06, notebook07,
               notebook08)

# name -> (builder, the control settings the benchmark steps through). The name is the
# notebook's number and the builder's name, so a dashboard tab, a bench line and the code agree.
FIGURES = {
    f"{builder.__module__[-2:]}_{builder.__name__}": (builder, moves)
    for builder, moves in [
        (notebook01.activations_through_depth, notebook01.BENCH_MOVES),
        (notebook02.gradients_through_depth, notebook02.BENCH_MOVES),
        (notebook03.activation_histograms, notebook03.BENCH_MOVES),
        (notebook04.initialization_through_depth, notebook04.BENCH_MOVES),
        (notebook05.gradients_through_time, notebook05.BENCH_MOVES),
        (notebook06.plain_vs_residual, notebook06.BENCH_MOVES),
        (notebook07.jacobian_spectrum, notebook07.JACOBIAN_SPECTRUM_MOVES),
        (notebook07.edge_of_chaos, notebook07.EDGE_OF_CHAOS_MOVES),
        (notebook08.training_dashboard, notebook08.BENCH_MOVES),
    ]
}
