"""Reference answers for notebook 08, worked out from the networks' own diagnostics (not from
the checker's answer key): train each mystery network briefly, then read what a practitioner
reads — divergence, the loss at step 0, exact zeros, saturation, and the update ratios."""
import numpy as np

from helpers.exercises.notebook08 import EXERCISE_LABEL, EXERCISE_LOGITS, mystery_networks
from helpers.course.notebook08 import train_digits

DIAGNOSIS_STEPS = 100


def softmax_gradient():
    # L = -log p_y with p = softmax(z): dL/dz_k = p_k - [k == y]
    z = np.asarray(EXERCISE_LOGITS, dtype=float)
    p = np.exp(z - z.max())
    p /= p.sum()
    return p - np.eye(z.size)[EXERCISE_LABEL]


def diagnose(run):
    """(cause, fix) from a short run's diagnostics."""
    history = run.history
    if history.diverged_at is not None:  # the loss went inf/NaN: something grows without bound
        return "exploding gradients", "init for chi = 1"
    ratios = np.nanmedian(history.update_ratios, axis=0)
    first = history.snapshots[0].stats
    if np.all(ratios == 0) or np.nanmax(first.dead_pct[:-1]) == 100:
        # not small but exactly zero: units that are off for every example pass nothing back
        return "dead relus", "zero the biases"
    if np.nanmedian(first.saturated_pct[:-1]) > 25:  # units pinned at the ends of tanh
        return "saturated units", "init for chi = 1"
    spread = np.log10(ratios.max() / ratios.min())
    if spread > 3:  # layers decades apart: no single step size suits them all
        return "vanishing gradients", "batch norm"
    # healthy units and level ratios, just small: the step size itself is too small
    return "learning rate too small", "larger learning rate"


def mystery_diagnosis(seed=0):
    """{"A": (cause, fix), ...} for the five mystery networks."""
    answer = {}
    for name, mystery in mystery_networks().items():
        run = train_digits(mystery.setup, steps=DIAGNOSIS_STEPS, seed=seed, snapshot_steps=(0,))
        answer[name] = diagnose(run)
    return answer


def bias_prediction():
    # a bias is the same for every image: it moves all images together, so the spread of the
    # logits across images stays as small as without biases (notebook 08 prints both)
    return "b"


def sigmoid_fix_prediction():
    # the update ratios span nine decades (no single learning rate) and the input is squeezed
    # out on the way up (Adam cannot restore it); batch norm re-standardizes every layer
    return "c"
