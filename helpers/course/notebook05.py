"""Notebook 05, through time: ||dL/dh_t|| of an RNN and an LSTM on fixed random sequences.

:func:`gradient_at_radius` is what the notebook prints and what its slider figure draws: the
weights are drawn once per (cell, seed) with every recurrent block at spectral radius 1, and
each radius rescales them.
"""
from functools import lru_cache

import numpy as np

from ..math.checks import choice, whole_number
from ..math.initializers import drawn_once, rescaled
from ..models.rnn import CELLS, gradient_through_time, init_recurrent_weights

MAX_STEPS = 150
N_SEQUENCES = 4
INPUT_SIZE = 4
HIDDEN_SIZE = 32
INPUT_SCALE = 1.0


@drawn_once(maxsize=2)
def course_inputs(seed=0):
    """x (N_SEQUENCES, MAX_STEPS, INPUT_SIZE) of N(0, 1) entries and h0 = 0, drawn once."""
    x = np.random.default_rng(seed).normal(size=(N_SEQUENCES, MAX_STEPS, INPUT_SIZE))
    return x, np.zeros((N_SEQUENCES, HIDDEN_SIZE))


@drawn_once(maxsize=4)
def weights_at_radius_one(cell, seed=0):
    """Wx, Wh, b with every recurrent block at spectral radius 1 (the eigenvalues: once)."""
    return init_recurrent_weights(cell, INPUT_SIZE, HIDDEN_SIZE, 1.0, INPUT_SCALE, seed=seed)


@lru_cache(maxsize=256)
def gradient_at_radius(cell, steps, radius, forget_bias=0.0, seed=0):
    """:func:`gradient_through_time` of notebook 05's sequences (:func:`course_inputs`) over
    T = ``steps``, for weights from :func:`init_recurrent_weights` whose recurrent blocks have
    spectral radius ``radius`` (``forget_bias``: the LSTM's only). The same seed rescales one
    fixed W_h for every radius. Cached: treat the result as read-only."""
    steps = whole_number("steps", steps, 1, MAX_STEPS)
    Wx, Wh_one, b = weights_at_radius_one(choice("cell", cell, CELLS), seed)
    # the same as init_recurrent_weights(..., radius, ..., forget_bias): it only rescales W_h
    (Wh,), b = rescaled([Wh_one], radius), b.copy()
    if cell == "lstm":
        b[HIDDEN_SIZE:2 * HIDDEN_SIZE] = forget_bias
    x, h0 = course_inputs(seed)
    return gradient_through_time(cell, x[:, :steps], h0, Wx, Wh, b)


def predicted_factor(profile, radius):
    """rho * mean tanh'(z_t) over all steps, sequences and units: the RNN's per-step factor."""
    return radius * float(np.mean(profile.tanh_slopes))
