"""What each notebook sets up and measures, one module per notebook (notebook01 ... notebook08).

A notebook's numbers and its slider figure come from the same function here, built from the
concepts below (helpers.models, helpers.theory, helpers.math): which network, which data,
which seeds, which sizes. Figures and checkers may import from here; nothing here imports a
figure, a widget or a checker. Results are cached where a slider revisits a setting: the
caches hold numbers, never a network.
"""
