"""Exercises of notebook 01 (a product of matrices)."""
import math
from fractions import Fraction

from . import (Feedback, correct, judge_choice, read_number, rounding_feedback, within_rounding,
               wrong)

SHRINK_FACTOR = 0.9
SHRINK_TARGET = 1e-3


def check_layers_to_shrink(answer):
    """How many layers of W = 0.9·I until the activations are below 1/1000 of the input?"""
    value = read_number(answer, "you want the smallest whole L with 0.9**L < 1e-3; "
                                "take logarithms of both sides.",
                                "the answer is a number of layers (a whole number)")
    if isinstance(value, Feedback):
        return value
    if value != int(value):
        return wrong(f"{value} is not a whole number of layers: round to the first whole L "
                     "for which 0.9**L is below 1e-3 (round up, not to nearest).")
    layers = int(value)
    if layers < 1:
        return wrong("the network needs at least one layer.")
    size = SHRINK_FACTOR**layers
    if size >= SHRINK_TARGET:
        return wrong(f"after {layers} layers the size is 0.9**{layers} = {size:.3g}, "
                     "still above 1e-3: you need more layers.")
    before = SHRINK_FACTOR ** (layers - 1)
    if before < SHRINK_TARGET:
        return wrong(f"0.9**{layers} = {size:.3g} is below 1e-3, but so is "
                     f"0.9**{layers - 1} = {before:.3g}: find the *first* such L.")
    return correct(f"0.9**{layers - 1} = {before:.3g} but 0.9**{layers} = {size:.3g}. Only 10% "
                   f"less than 1 per layer, and {layers} layers shrink the signal a thousandfold.")


GROWTH_WIDTH = 64
GROWTH_OPTIONS = {"a": "about 1/8", "b": "about 1", "c": "about 8", "d": "about 64"}
GROWTH_HINT = ('answer with a letter in quotes, e.g. "a". Each output is a sum of 64 inputs times '
               "random weights: do the terms add up, cancel, or neither?")
GROWTH_FEEDBACK = {
    "c": "each output z_j = Σ a_i W_ij is a sum of 64 independent terms with random signs. They "
         "partly cancel, and what adds up is their variances: 64 times a single term's, so the "
         "size (the square root) grows by √64 = 8. Run the next cells to measure it.",
    "a": "random signs do make the terms cancel, but only partly: a sum of 64 random terms is "
         "not smaller than one of them. The variances add, 64 times a single term's, so the "
         "size grows, by √64 = 8.",
    "b": "a weight of size one is not the identity: w·I passes each input straight through, "
         "while a random matrix mixes all 64 inputs into every output, and their contributions "
         "add up. The variance of a sum of 64 independent terms is 64 times a single term's, so "
         "the size grows by √64 = 8.",
    "d": "64 would be right if all 64 terms had the same sign and added up like 1 + 1 + … + 1. "
         "With random signs they partly cancel: the *variances* add up (64 times a single "
         "term's), so the size, the square root, grows by √64 = 8 (the 1/n versus 1/√n mix-up).",
}


def check_random_layer_growth(answer):
    """Prediction: by what factor does a width-64 layer of N(0, 1) weights multiply the size of
    its input?"""
    return judge_choice(answer, GROWTH_OPTIONS, GROWTH_HINT, "c", GROWTH_FEEDBACK)


def check_std_for_constant_size(answer, width=64):
    """Which std of Gaussian entries keeps the activations' size steady in a linear net of this width?"""
    value = read_number(answer, f"each layer multiplies the size by about std * sqrt(n) with "
                                f"n = {width}; which std makes that factor 1? Give 3 significant "
                                "figures.",
                        "a standard deviation is a positive number", positive=True)
    if isinstance(value, Feedback):
        return value
    target = 1 / math.sqrt(width)
    factor = value * math.sqrt(width)
    if within_rounding(value, target):
        return correct(f"std = 1/sqrt({width}) = {target:.4g}: each layer multiplies the size by "
                       "about 1. (Set the figure to 'Gaussian, std w', width 64 and weight scale "
                       f"{target:.4g}: the line stays level.) This is the rule LeCun proposed "
                       "(variance 1/n); notebook 04 derives it.")
    close = rounding_feedback(value, target, "the standard deviation that keeps the size steady")
    if close:
        return close
    if within_rounding(value, 1 / width):
        return wrong(f"{value:.4g} is 1/n. The *variance* should be 1/n, so the standard "
                     "deviation is the square root of that.")
    if within_rounding(value, math.sqrt(2 / width)):
        return wrong(f"{value:.4g} is sqrt(2/n), He's rule for ReLU (which zeroes half the "
                     "signal). In a linear network it makes every layer sqrt(2) ≈ 1.41 times "
                     "bigger.")
    if within_rounding(value, math.sqrt(width)):
        return wrong(f"{value:.4g} is sqrt(n), the factor by which std-1 weights grow the signal "
                     "per layer. The std you want cancels that factor: divide by it.")
    direction = "grows" if factor > 1 else "shrinks"
    return wrong(f"with std {value:.4g} each layer multiplies the size by about "
                 f"std * sqrt({width}) = {factor:.3g}, so it {direction} exponentially with depth.")


# W = 1.9·I: near the top of notebook 01's slider. (Not 2: float64's largest number is a hair
# below 2**1024, so for w = 2 any rounding of the limit decides between layer 1024 and 1025.)
OVERFLOW_SCALE = 1.9
FLOAT64_MAX = 1.7976931348623157e308
FLOAT32_MAX = 3.4028234663852886e38


def _first_power_above(base, limit):
    """The first whole L with base**L > limit (base > 1), in exact rational arithmetic: near
    the float64 limit, log(limit) / log(base) is itself rounded, so the estimate is only a
    starting point."""
    base, limit = Fraction(base), Fraction(limit)
    layers = max(1, math.floor(math.log(limit) / math.log(base)) - 1)
    while base**layers <= limit:
        layers += 1
    return layers


OVERFLOW_HINT = ("after L layers the activations are 1.9**L; find the first whole L with 1.9**L "
                 "above float64's largest number, about 1.8e308. Take logarithms of both sides, "
                 "and keep the big number out of your code: 1.8e308 typed into Python is already "
                 "inf. Write its logarithm instead: ln(1.8e308) = ln(1.8) + 308 * ln(10).")


def check_overflow_layer(answer):
    """At which layer do the activations of W = 1.9·I (x = 1) first overflow float64 to inf?"""
    if isinstance(answer, float) and math.isinf(answer):  # np.log(1.8e308) is inf
        return wrong("your answer is inf. The number 1.8e308 is just above float64's largest "
                     "(about 1.7977e308), so Python stores it as inf, and the logarithm of inf "
                     "is inf. Take the logarithm without typing the big number: "
                     "np.log(1.8) + 308 * np.log(10), or np.log(np.finfo(np.float64).max).")
    value = read_number(answer, OVERFLOW_HINT, "the answer is a layer number (a whole number)")
    if isinstance(value, Feedback):
        return value
    if value != int(value) or value < 1:
        return wrong(f"{value} is not a layer number: give the first whole L for which 1.9**L "
                     "no longer fits in a float64 (round *up*).")
    layer = int(value)
    scale = OVERFLOW_SCALE
    target = _first_power_above(scale, FLOAT64_MAX)
    if layer == target:
        return correct(f"{scale}**{target - 1} ≈ {scale ** (target - 1):.3g} still fits, "
                       f"{scale}**{target} does not: inf at layer {target}. Set weight scale "
                       f"{scale} and a depth past {target} in the figure: the dashed line sits at "
                       f"layer {target}.")
    if layer == _first_power_above(scale, FLOAT32_MAX):
        return wrong(f"layer {layer} is where float32 (largest number about 3.4e38) gives up. "
                     "The figure computes in float64, whose limit is about 1.8e308.")
    if layer == _first_power_above(1.5, FLOAT64_MAX):
        return wrong(f"layer {layer} is where w = 1.5 overflows (printed above). With w = {scale} "
                     "each layer multiplies the signal by more, so it gets there sooner.")
    if layer == _first_power_above(2.0, FLOAT64_MAX):
        return wrong(f"layer {layer} is where w = 2 overflows (2**1024 no longer fits). With "
                     f"w = {scale} it takes more layers: divide by ln({scale}), not ln(2).")
    if layer < target:
        return wrong(f"{scale}**{layer} ≈ {scale ** layer:.3g} is still below 1.8e308, so the "
                     "activations are finite at that layer: you need more layers (round up).")
    return wrong(f"at layer {layer} the activations are inf, but they already were earlier: "
                 f"{scale}**{layer - 1} exceeds 1.8e308 too. Find the *first* layer where "
                 f"{scale}**L does.")
