"""Exercises of notebook 02 (gradients follow the same product)."""
import math

import numpy as np

from ..models.network import clip_by_global_norm
from . import as_number, correct, is_placeholder, not_attempted, wrong

BACKPROP_SCALE = 0.8
BACKPROP_DEPTH = 30


def check_input_gradient(answer):
    """||dL/da^[0]|| for W^[l] = 0.8·I, L = 30, linear, when ||dL/da^[30]|| = 1."""
    w, depth = BACKPROP_SCALE, BACKPROP_DEPTH
    if is_placeholder(answer):
        return not_attempted(f"going down one layer multiplies the gradient by W^T = {w}·I; "
                             f"how many layers are there between a^[{depth}] and a^[0]?")
    value = as_number(answer)
    if value is None:
        return wrong(f"the answer is the size of a gradient, a number; got {answer!r}.")
    target = w**depth

    def close(x):
        return abs(value - x) <= 1e-3 * abs(x)

    if close(target):
        return correct(f"{w}**{depth} = {target:.4g}. Thirty factors of 0.8 shrink the gradient "
                       "about 800-fold: a weight only 20% below 1 is enough to starve the "
                       "first layers.")
    if close(w ** (depth - 1)) or close(w ** (depth + 1)):
        return wrong("off by one layer: backprop goes through every one of the "
                     f"{depth} layers, and each multiplies the gradient by {w} once.")
    if close(1 / target):
        return wrong(f"{value:.4g} is 1/{w}**{depth}: with w < 1 the gradient shrinks on its way "
                     "down, so the answer is smaller than 1.")
    if close(w * depth):
        return wrong(f"{value:.4g} is {w} × {depth}: the factors multiply, so it is a power, "
                     "not a product with the depth.")
    return wrong(f"not quite: each of the {depth} layers multiplies the gradient's norm by {w} "
                 "(W = w·I, and g'(z) = 1 in a linear network).")


def _example_gradients():
    rng = np.random.default_rng(2)
    return [rng.normal(size=(3, 4)), rng.normal(size=4), 5 * rng.normal(size=(4, 2))]


def check_clip_gradients(clip_gradients):
    """A function clip_gradients(grads, max_norm) -> list of arrays, clipped by global norm."""
    if is_placeholder(clip_gradients):
        return not_attempted("compute the global norm, sqrt of the sum of all squared "
                             "entries, then scale every array by min(1, max_norm / norm).")
    if not callable(clip_gradients):
        return wrong(f"pass the function itself (clip_gradients, no parentheses), got "
                     f"{clip_gradients!r}.")
    grads = _example_gradients()
    total = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
    for max_norm in (total / 4, 2 * total):
        originals = [g.copy() for g in grads]
        try:
            result = clip_gradients(grads, max_norm)
        except Exception as error:  # the learner's code: report, never raise
            return wrong(f"your function raised {type(error).__name__}: {error}")
        if result is None:
            return not_attempted("your function returns None: end it with "
                                 "`return [...]`, a list with one array per gradient.")
        if any(not np.array_equal(g, o) for g, o in zip(grads, originals)):
            return wrong("your function changed the arrays it was given; build new ones "
                         "(e.g. g * factor) so the caller's gradients stay as they were.")
        try:
            result = [np.asarray(r, dtype=float) for r in result]
        except (TypeError, ValueError):
            return wrong("return a list of arrays, one per gradient.")
        if len(result) != len(grads) or any(r.shape != g.shape for r, g in zip(result, grads)):
            return wrong("return one array per gradient, each with the shape it came in.")
        expected, _ = clip_by_global_norm(grads, max_norm)
        if all(np.allclose(r, e) for r, e in zip(result, expected)):
            continue
        if max_norm > total:
            return wrong(f"the gradients' global norm ({total:.3g}) is below max_norm "
                         f"({max_norm:.3g}), so they must come back unchanged: the factor is "
                         "min(1, max_norm / norm).")
        each_own = [g * min(1.0, max_norm / np.linalg.norm(g)) for g in grads]
        if all(np.allclose(r, e) for r, e in zip(result, each_own)):
            return wrong("you clipped each array by its own norm. Clip them all by one "
                         "factor from the *global* norm, so the gradient keeps its direction.")
        sum_of_norms = sum(float(np.linalg.norm(g)) for g in grads)
        by_sum = [g * max_norm / sum_of_norms for g in grads]
        if all(np.allclose(r, e) for r, e in zip(result, by_sum)):
            return wrong("you added up the arrays' norms. The global norm is the square root "
                         "of the sum of *all squared entries* (the norms squared, summed, "
                         "then the square root).")
        result_norm = math.sqrt(sum(float(np.sum(r * r)) for r in result))
        return wrong(f"with max_norm = {max_norm:.3g} and a global norm of {total:.3g} the "
                     f"result should have norm {max_norm:.3g}; yours has {result_norm:.3g}.")
    return correct("short gradients pass unchanged, long ones keep their direction and get "
                   "length max_norm, the same as helpers' clip_by_global_norm.")
