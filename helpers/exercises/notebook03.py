"""Exercises of notebook 03 (activation derivatives)."""
import math

from ..math.activations import SATURATION_LEVEL  # |tanh(z)| above it counts as saturated
from . import as_number, correct, is_placeholder, not_attempted, wrong

SIGMOID_PEAK_SLOPE = 0.25
VANISHED = 1e-6
PRE_ACTIVATION_STD = 1.5


def check_sigmoid_layers(answer):
    """The first depth L at which even sigmoid's best slope, 0.25**L, is below 1e-6."""
    if is_placeholder(answer):
        return not_attempted("sigmoid'(z) is at most 0.25, so L layers multiply the gradient "
                             "by at most 0.25**L; find the first whole L with 0.25**L < 1e-6.")
    value = as_number(answer)
    if value is None:
        return wrong(f"the answer is a number of layers (a whole number), got {answer!r}.")
    if value != int(value) or value < 1:
        return wrong(f"{value} is not a whole number of layers (at least 1): round up to the "
                     "first whole L for which 0.25**L is below 1e-6.")
    layers = int(value)
    bound = SIGMOID_PEAK_SLOPE**layers
    if bound >= VANISHED:
        return wrong(f"0.25**{layers} = {bound:.3g} is still above 1e-6: you need more layers.")
    before = SIGMOID_PEAK_SLOPE ** (layers - 1)
    if before < VANISHED:
        return wrong(f"0.25**{layers} = {bound:.3g} is below 1e-6, but so is 0.25**{layers - 1} "
                     f"= {before:.3g}: find the *first* such L.")
    return correct(f"0.25**{layers - 1} = {before:.3g}, 0.25**{layers} = {bound:.3g}. And that is "
                   "the best case, every unit sitting exactly at z = 0: in ten layers sigmoid alone "
                   "shrinks the gradient to less than a millionth of its size.")


def saturated_percent(std=PRE_ACTIVATION_STD, level=SATURATION_LEVEL):
    """% of z ~ N(0, std^2) with |tanh(z)| > level: both tails beyond atanh(level)."""
    return 100.0 * math.erfc(math.atanh(level) / (std * math.sqrt(2)))


def check_saturated_percent(answer):
    """What % of tanh units are saturated (|tanh(z)| > 0.97) when z ~ N(0, 1.5^2)?"""
    if is_placeholder(answer):
        return not_attempted("|tanh(z)| > 0.97 means |z| > atanh(0.97) ≈ 2.09. Estimate the "
                             f"share of z ~ N(0, {PRE_ACTIVATION_STD}²) beyond that: draw many "
                             "samples with np.random.default_rng(0).normal(0, "
                             f"{PRE_ACTIVATION_STD}, size=...), or use math.erfc.")
    value = as_number(answer)
    if value is None:
        return wrong(f"the answer is a percentage, a number between 0 and 100; got {answer!r}.")
    target = saturated_percent()
    if abs(value - target) <= 1.0:  # a sampled estimate is accepted
        return correct(f"about {target:.1f}% (exactly {target:.2f}%). With pre-activations of "
                       f"std {PRE_ACTIVATION_STD}, about one unit in six passes on less than 6% "
                       "of its gradient.")
    if abs(100 * value - target) <= 1.0:
        return wrong(f"{value:.3g} looks like a fraction; the question asks for a percentage "
                     "(multiply by 100).")
    if abs(value - saturated_percent(std=1.0)) <= 0.5:
        return wrong(f"{value:.3g}% is the answer for std 1. Here z has standard deviation "
                     f"{PRE_ACTIVATION_STD} (variance {PRE_ACTIVATION_STD ** 2}), so many more "
                     "units are beyond |z| = 2.09.")
    if abs(value - target / 2) <= 1.0:
        return wrong(f"{value:.3g}% counts one side only: tanh(z) < -0.97 is saturated too, "
                     "so count z < -2.09 as well.")
    return wrong(f"not quite ({value:.3g}%). A unit is saturated when |z| > atanh(0.97) ≈ 2.09; "
                 f"what share of N(0, {PRE_ACTIVATION_STD}²) lies beyond ±2.09?")
