"""Moved: notebook 06's networks live in helpers.course.notebook06, one residual block in
helpers.math.stack. The old names stay importable from here until the notebooks' import lines
move (RENAMES.md); ``build_network`` is now ``circles_network``.
"""
from ..course.notebook06 import (BRANCH_SCALES, branch_scale_for, circles,  # noqa: F401
                                 circles_network, gradient_norms, stream_second_moments,
                                 train_on_circles)
from ..math.stack import residual_block  # noqa: F401

build_network = circles_network
