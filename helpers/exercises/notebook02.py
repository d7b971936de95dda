"""Exercises of notebook 02 (gradients follow the same product)."""
import math

import numpy as np

from ..models.training import clip_by_global_norm
from . import (Feedback, call_answer, correct, is_placeholder, judge_choice, not_attempted,
               read_number, rounding_feedback, shown, within_rounding, wrong)

DECADES_DEPTH = 100
DECADES_SCALE = 1.5  # every weight of a He-initialized ReLU network multiplied by this


def check_weight_gradient_decades(answer):
    """By how many decades does ||dL/dW^[1]|| of a depth-100 ReLU net (He init) grow when
    every weight is multiplied by 1.5?"""
    depth, scale = DECADES_DEPTH, DECADES_SCALE
    hint = (f"relu(c·z) = c·relu(z) for c > 0, so multiplying every weight by "
            f"{scale} multiplies the forward signal by {scale} in every layer it "
            f"passes, and the backward signal by {scale} in every layer it "
            "passes on the way down. Count how many of those factors meet in "
            "dL/dW^[1] (as in the linear network above), then take log10. Give 3 significant "
            "figures.")
    # 1.5**99 ≈ 2.7e17, the factor instead of its log10, is a typical answer: let it through
    value = read_number(answer, hint, "the answer is a number of decades (powers of ten)",
                        largest=1e300)
    if isinstance(value, Feedback):
        return value
    decades_per_layer = math.log10(scale)
    target = (depth - 1) * decades_per_layer

    def close(x, tolerance=0.05):
        return abs(value - x) <= tolerance

    if within_rounding(value, target):
        return correct(f"{depth - 1} factors of {scale}: {scale}**{depth - 1} ≈ "
                       f"{scale ** (depth - 1):.2g}, {target:.2f} decades, and the same for every "
                       "layer (l − 1 forward factors times L − l backward ones). In the figure "
                       f"(relu, he, depth {depth}) the note gives ||dL/dW^[1]|| at scale 1.0 and "
                       f"at {scale}: their ratio is {scale}**{depth - 1}, up to the rounding of "
                       "the note's two digits.")
    # the typical mistakes first (each matched to about 3 figures, so none of them fires on a
    # correctly rounded answer, which is accepted above); then "close" for 2 figures
    if close(depth * decades_per_layer):
        return wrong(f"one factor too many: {depth} × log10({scale}). The weight gradient of "
                     "layer l meets l − 1 forward factors (the layers below it) and L − l "
                     "backward ones (the layers above it): L − 1 in all. Only dL/da^[0] gets all "
                     f"{depth}.")
    if close((depth - 2) * decades_per_layer):
        return wrong(f"one factor too few: the weight gradient meets L − 1 = {depth - 1} factors "
                     f"of {scale} in all, forward and backward together.")
    if close(49 * decades_per_layer):
        return wrong("that is the answer for depth 50 (49 factors). Here the network has "
                     f"{depth} layers.")
    if close((depth - 1) * math.log(scale), 0.2):
        return wrong(f"{value:.4g} is (L − 1)·ln({scale}), a natural logarithm. A decade is a "
                     "power of ten: use log10.")
    if close(2 * target, 0.1):
        return wrong("that is the growth of the *squared* norm. The question asks about the "
                     "norm ||dL/dW^[1]|| itself, as the figure plots it.")
    if value > 1e3:
        return wrong(f"{value:.3g} looks like the growth factor itself. The question asks for "
                     "decades: the log10 of the factor.")
    rounded = rounding_feedback(value, target, "the number of decades")
    if rounded:
        return rounded
    if close(0.0):
        return wrong("relative to each other the layers stay level, but every one of them "
                     f"moves when the scale goes from 1.0 to {scale}: compare the same layer at "
                     "the two scales.")
    return wrong(f"{value:.4g} decades is not it. Scaling every weight by {scale} multiplies "
                 f"dL/dW^[1] by {scale} once for each layer its forward and backward signals "
                 "pass through; count them, then take log10.")


def _example_gradients():
    rng = np.random.default_rng(2)
    return [rng.normal(size=(3, 4)), rng.normal(size=4), 5 * rng.normal(size=(4, 2))]


CLIP_HINT = ("compute the global norm, sqrt of the sum of all squared entries, then scale "
             "every array by min(1, max_norm / norm) and return the new list.")


def check_clip_gradients(clip_gradients):
    """A function clip_gradients(grads, max_norm) -> list of arrays, clipped by global norm."""
    if is_placeholder(clip_gradients):
        return not_attempted(CLIP_HINT)
    if not callable(clip_gradients):
        return wrong(f"pass the function itself (clip_gradients, no parentheses), got "
                     f"{shown(clip_gradients)}.")
    grads = _example_gradients()
    total = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
    for max_norm in (total / 4, 2 * total):
        with np.errstate(all="ignore"):  # whatever the learner's function returns
            verdict = _compare_clipped(clip_gradients, grads, total, max_norm)
        if verdict is not None:
            return verdict
    return correct("short gradients pass unchanged, long ones keep their direction and get "
                   "length max_norm, the same as helpers' clip_by_global_norm.")


def _compare_clipped(clip_gradients, grads, total, max_norm):
    """The feedback for a wrong result at this max_norm, or None when it is right."""
    originals = [g.copy() for g in grads]
    # "return ..." untouched: not attempted; None (a print, or no return): told so
    results = call_answer(clip_gradients, CLIP_HINT, "clip_gradients(grads, max_norm)",
                          [(grads, max_norm)])
    if isinstance(results, Feedback):
        return results
    result = results[0]
    if any(not np.array_equal(g, o) for g, o in zip(grads, originals)):
        return wrong("your function changed the arrays it was given; build new ones "
                     "(e.g. g * factor) so the caller's gradients stay as they were.")
    try:
        result = [np.asarray(r, dtype=float) for r in result]
    except (TypeError, ValueError, OverflowError):
        return wrong("return a list of arrays, one per gradient.")
    if len(result) != len(grads) or any(r.shape != g.shape for r, g in zip(result, grads)):
        return wrong("return one array per gradient, each with the shape it came in.")
    expected, _ = clip_by_global_norm(grads, max_norm)
    if all(np.allclose(r, e) for r, e in zip(result, expected)):
        return None
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


RESCUE_OPTIONS = {"a": "only the exploding runs", "b": "only the vanishing runs",
                  "c": "both", "d": "neither"}
RESCUE_HINT = ('answer with a letter in quotes, e.g. "a". Clipping rescales g only when its length '
               "is above θ: which runs have gradients that long?")
# why clipping cannot rescue the vanishing runs, which two of the wrong answers hope it does
_VANISHING_UNTOUCHED = ("clipping can only *shorten* a gradient, never lengthen it: the vanishing "
                        "runs' gradients, about a millionth of their proper size, are far below "
                        "θ = 5, so clipping never touches them")
RESCUE_FEEDBACK = {
    "a": "clipping shortens a gradient longer than θ and leaves shorter ones alone. The "
         "exploding runs' huge first gradients get length θ, so their steps stay small enough "
         "to learn from; the vanishing runs' gradients, about a millionth of their proper size, "
         "are far below θ and pass unchanged.",
    "b": f"{_VANISHING_UNTOUCHED}. It is the exploding runs it rescues: their steps can no longer "
         "be huge.",
    "c": f"half right: it rescues the exploding runs, but {_VANISHING_UNTOUCHED}.",
    "d": "the exploding runs' weights do start too large, but a clipped gradient is at most θ "
         "long, so the first huge gradients can no longer throw the weights to infinity, and the "
         "runs go on to learn. The vanishing runs it cannot help: their gradients are far below θ "
         "and pass unchanged.",
}


def check_clipping_rescues(answer):
    """Prediction: clipping by global norm (θ = 5) applied to the vanishing (scale 0.5) and the
    exploding (scale 1.5) runs of notebook 02. Which does it rescue?"""
    return judge_choice(answer, RESCUE_OPTIONS, RESCUE_HINT, "a", RESCUE_FEEDBACK)
