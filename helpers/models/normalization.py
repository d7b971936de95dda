"""Moved: the batch and layer norm pairs live with the other layer pairs in helpers.math.layers,
and notebook 07's normalized network in helpers.course.notebook07. The old names stay
importable from here until the notebooks' import lines move (RENAMES.md).
"""
from ..course.notebook07 import NORMALIZATIONS, normalized_network_profile  # noqa: F401
from ..math.layers import (EPS, NormCache, batchnorm_backward,  # noqa: F401
                           batchnorm_eval_forward, batchnorm_forward, layernorm_backward,
                           layernorm_forward)
