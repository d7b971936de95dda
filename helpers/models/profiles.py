"""Moved: what notebooks 01-04 measure lives in helpers.course.notebook01 ... notebook04.

These names stay importable from here until the notebooks' import lines move (RENAMES.md).
"""
from ..course.notebook01 import MATRIX_KINDS, activation_sizes  # noqa: F401
from ..course.notebook02 import GradientProfile, gradient_profile  # noqa: F401
from ..course.notebook03 import LayerHistograms, layer_histograms  # noqa: F401
from ..course.notebook04 import (SCHEME_NAMES, activation_stds, growth_per_layer,  # noqa: F401
                                 scheme_init, scheme_label)
