"""Moved: notebook 08's networks on the digits live in helpers.course.notebook08.

The old names stay importable from here until the notebooks' import lines move (RENAMES.md);
``build_network`` is now ``digits_network``.
"""
from ..course.notebook08 import (FINAL_STEPS, STEPS, DigitsNetwork, DigitsRun,  # noqa: F401
                                 TrainingSession, course_split, digits_network, initial_loss,
                                 input_spread, train_digits)

build_network = digits_network
