"""Exercises of notebook 07 (beyond the sources: the Jacobian's spectrum, the edge of chaos).

Two predictions (a choice among four options, made before the cell or the slider that shows
the answer) and two exercises with numbers."""
import math

from ..theory.meanfield import chi1, critical_sigma_w2, depth_scale, fixed_point_variance
from . import (Feedback, correct, judge_choice, read_number, rounding_feedback, within_rounding,
               wrong)

CRITICAL_SIGMA_B2 = 0.2  # exercise 1: the bias variance at which to find the edge of chaos
SLIDER_STEP = 0.05  # the phase-diagram figure moves sigma_w2 in these steps
EXAMPLE_SIGMA_B2 = 0.05  # the point the notebook works out in section 2
LARGEST_SIGMA_W2 = 100.0  # far beyond the figure's 4; the checker need not integrate there


# ----- predictions: one letter among four options ------------------------------------------------


# What the singular values of a deep linear network's Jacobian do as depth grows, with
# Gaussian weights of variance 1/n (the notebook lists the same options).
SPECTRUM_OPTIONS = {
    "a": "they all stay near 1",
    "b": "they all shrink towards 0",
    "c": "they spread out: a few grow, many shrink",
    "d": "they all grow",
}


SPECTRUM_HINT = ("the weights keep the *average* of s² at 1. Does an average say what every "
                 "direction does? Answer with a letter, e.g. \"a\".")
# why "they all shrink" and "they all grow" cannot be: the mean of s² stays at 1
_MEAN_KEPT = ("with depth; variance 1/n keeps it at 1 (notebook 04's rule holds on average). What "
              "an average cannot show is how the directions differ from one another.")
SPECTRUM_FEEDBACK = {
    "c": "the mean of s² stays at 1, because variance 1/n keeps the average size. But each "
         "direction is stretched by a different product of random factors, and products of "
         "random factors spread out: the variance of s² grows like the depth L. A few directions "
         "are amplified, and a growing share is squeezed to almost nothing, although the average "
         "is fine. Run the next cell to see it.",
    "a": "variance 1/n keeps the *mean* of s² at 1, but a mean over directions can hide a spread. "
         "Each layer stretches some directions and squeezes others, and through depth these "
         "stack up differently for each direction. Run the next cell and look at the variance "
         "of s².",
    "b": f"if they all shrank, the mean of s² would fall {_MEAN_KEPT}",
    "d": f"if they all grew, the mean of s² would rise {_MEAN_KEPT}",
}


def check_spectrum_spread(answer):
    """Prediction: depth 1 to 20, Gaussian weights of variance 1/n, linear network."""
    return judge_choice(answer, SPECTRUM_OPTIONS, SPECTRUM_HINT, "c", SPECTRUM_FEEDBACK)


# Where the edge of chaos lies at sigma_b2 = 0.2, against the 1.76 of sigma_b2 = 0.05
EDGE_OPTIONS = {
    "a": "below 1.76",
    "b": "above 1.76",
    "c": "at 1.76: the biases do not move it",
    "d": "at 1, LeCun's",
}


EDGE_HINT = ("larger biases hold the pre-activations further from 0. Is tanh's slope there "
             "larger or smaller, and what must σ_w² do to keep χ₁ = σ_w²·E[tanh'(z)²] at 1? "
             "Answer with a letter, e.g. \"a\".")
# why the edge moves up, which every answer explains
_EDGE_WHY = ("every layer adds σ_b² to the pre-activations' variance, so more bias variance means "
             "a larger q*: the units work further out on tanh, where it is flatter, and "
             "E[tanh'(z)²] is smaller. To bring χ₁ = σ_w²·E[tanh'(z)²] back up to 1, σ_w² must "
             "be larger.")
EDGE_FEEDBACK = {
    "b": f"{_EDGE_WHY} Now find it: set σ_b² = 0.2 in the figure below and move σ_w² until χ₁ "
         "in the status line crosses 1.",
    "d": "σ_w² = 1 is the edge *without* biases, where the signal dies out (q* = 0) and every "
         f"unit works at tanh'(0) = 1. With biases, {_EDGE_WHY}",
    "c": f"the biases do move it, as they moved it from 1 (no biases) to 1.76: {_EDGE_WHY}",
    "a": f"the edge moves the other way: {_EDGE_WHY}",
}


def check_edge_direction(answer):
    """Prediction: at sigma_b2 = 0.2, is the critical sigma_w2 above or below the 1.76 of 0.05?"""
    return judge_choice(answer, EDGE_OPTIONS, EDGE_HINT, "b", EDGE_FEEDBACK)


# ----- exercises with numbers ----------------------------------------------------------------------


def check_critical_sigma_w2(answer, sigma_b2=CRITICAL_SIGMA_B2):
    """At this sigma_b2, at which sigma_w2 is a deep tanh network at the edge of chaos?

    The slider moves in steps of 0.05, so the learner reads chi_1 at the two steps either side
    of 1 and interpolates: 3 significant figures are correct, a slider step alone (2 figures)
    is close.
    """
    hint = (f"in the phase-diagram figure set σ_b² = {sigma_b2} and move σ_w² until χ₁ in the "
            "status line crosses 1. Note χ₁ at the two slider steps either side of 1 and "
            "interpolate linearly between them.")
    value = read_number(answer, hint,
                        "sigma_w2 is a variance (times n): a positive number", positive=True)
    if isinstance(value, Feedback):
        return value
    target = float(critical_sigma_w2(sigma_b2))
    example = float(critical_sigma_w2(EXAMPLE_SIGMA_B2))
    below = math.floor(target / SLIDER_STEP) * SLIDER_STEP  # the slider steps either side
    above = below + SLIDER_STEP
    chi_below, chi_above = float(chi1(below, sigma_b2)), float(chi1(above, sigma_b2))
    if within_rounding(value, target):
        return correct(
            f"the critical line passes σ_b² = {sigma_b2} at σ_w² = {target:.3f}, between two "
            f"steps of the slider: χ₁ = {chi_below:.3f} at {below:.2f}, {chi_above:.3f} at "
            f"{above:.2f}. More bias variance holds the pre-activations further out: "
            f"q* = {float(fixed_point_variance(target, sigma_b2)):.2f} on the edge here, against "
            f"{float(fixed_point_variance(example, EXAMPLE_SIGMA_B2)):.2f} at σ_b² = "
            f"{EXAMPLE_SIGMA_B2}. There tanh is flatter, E[tanh'(z)²] is smaller, and it takes a "
            "larger σ_w² to bring χ₁ = σ_w²·E[tanh'(z)²] back up to 1.")
    if within_rounding(value, target, 2):
        close = rounding_feedback(value, target, "the edge of chaos")
        return wrong(f"{close.message} Between the slider's steps, interpolate: χ₁ is "
                     f"{chi_below:.3f} at {below:.2f} and {chi_above:.3f} at {above:.2f}; where "
                     "does the straight line between them reach 1?")
    if abs(value - 1.0) <= 0.02:
        return wrong("σ_w² = 1 is the edge without biases, where q* = 0 and every unit works at "
                     f"tanh'(0) = 1. With σ_b² = {sigma_b2} the biases keep q* above 0, where the "
                     "average slope is smaller.")
    if abs(value - example) <= 0.02:
        return wrong(f"{example:.2f} is the edge at σ_b² = {EXAMPLE_SIGMA_B2}. Set the σ_b² "
                     f"slider to {sigma_b2}: the edge moves.")
    if value > LARGEST_SIGMA_W2:
        return wrong(f"σ_w² = {value:.3g} is deep in the chaotic phase, far beyond the figure's "
                     "range. Move σ_w² down.")
    gain = float(chi1(value, sigma_b2))
    if gain < 1:
        return wrong(f"at σ_w² = {value:.3g}, σ_b² = {sigma_b2} the mean-field χ₁ is "
                     f"{gain:.3f}: the ordered side (the mean squared gradient fades). Move σ_w² up.")
    return wrong(f"at σ_w² = {value:.3g}, σ_b² = {sigma_b2} the mean-field χ₁ is {gain:.3f}: "
                 "the chaotic side (the mean squared gradient grows). Move σ_w² down.")


def _first_depth_below(per_layer, factor):
    """The first whole L with per_layer**L < 1 / factor (per_layer < 1)."""
    return math.floor(math.log(factor) / -math.log(per_layer)) + 1


def check_layers_to_shrink_gradient(answer, sigma_w2=1.5, sigma_b2=0.05, factor=1000):
    """Through how many layers does the gradient *norm* shrink by ``factor`` at this point?"""
    gain = float(chi1(sigma_w2, sigma_b2))
    hint = (f"chi_1 = {gain:.4f} multiplies the mean squared gradient per layer; the norm is its "
            "square root, so what does one layer do to the norm? Find the first whole L at which "
            f"the norm is below 1/{factor}.")
    value = read_number(answer, hint, "the answer is a number of layers (a whole number)")
    if isinstance(value, Feedback):
        return value
    if value != int(value):
        return wrong(f"{value} is not a whole number of layers: round up to the first whole L "
                     f"at which the norm is below 1/{factor}.")
    layers = int(value)
    per_layer = math.sqrt(gain)
    target = _first_depth_below(per_layer, factor)
    squared_answer = _first_depth_below(gain, factor)
    xi = float(depth_scale(sigma_w2, sigma_b2))
    if layers == target:
        return correct(f"the norm changes by √chi_1 = {per_layer:.4f} per layer: "
                       f"{per_layer:.4f}**{layers} = {per_layer**layers:.3g}, but "
                       f"**{layers - 1} = {per_layer ** (layers - 1):.3g}. The mean squared "
                       f"gradient falls by {factor} in only {squared_answer} layers: it loses a "
                       f"factor e every xi = {xi:.1f} layers, the norm every 2·xi = {2 * xi:.1f}.")
    if layers == squared_answer:
        return wrong(f"{layers} layers is where the mean squared gradient (chi_1**L) drops below "
                     f"1/{factor}. The norm is its square root, √(chi_1**L): at {layers} layers "
                     f"it is still {math.sqrt(gain**layers):.3g}. Each layer multiplies the norm "
                     f"by √chi_1 = {per_layer:.4f}, so it takes twice as many layers.")
    if layers in (round(xi), math.ceil(xi), round(2 * xi), math.ceil(2 * xi)):
        return wrong(f"{layers} layers is about one depth scale (xi = {xi:.1f} for the mean "
                     f"squared gradient, 2·xi = {2 * xi:.1f} for the norm): one factor e, not "
                     f"{factor}. How many factors of e make {factor}?")
    if layers < 1:
        return wrong("the network needs at least one layer.")
    size = per_layer**layers
    if size >= 1 / factor:
        return wrong(f"after {layers} layers the norm has changed by √chi_1**{layers} = "
                     f"{size:.3g}, still above 1/{factor}: you need more layers.")
    return wrong(f"√chi_1**{layers} = {size:.3g} is below 1/{factor}, but so is "
                 f"√chi_1**{layers - 1} = {per_layer ** (layers - 1):.3g}: find the *first* such L.")
