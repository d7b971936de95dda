"""Exercises of notebook 01 (a product of matrices)."""
import math
from fractions import Fraction

from . import Feedback, correct, read_number, wrong

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


def check_std_for_constant_size(answer, width=64):
    """Which std of Gaussian entries keeps the activations' size steady in a linear net of this width?"""
    value = read_number(answer, f"each layer multiplies the size by about std * sqrt(n) with "
                                f"n = {width}; which std makes that factor 1?",
                                "a standard deviation is a positive number", positive=True)
    if isinstance(value, Feedback):
        return value
    target = 1 / math.sqrt(width)
    factor = value * math.sqrt(width)
    if abs(value - target) <= 0.02 * target:
        return correct(f"std = 1/sqrt({width}) = {target:.4g}: each layer multiplies the size by "
                       "about 1. This is the rule LeCun proposed (variance 1/n); notebook 04 "
                       "derives it.")
    if abs(value - 1 / width) <= 0.02 / width:
        return wrong(f"{value:.4g} is 1/n. The *variance* should be 1/n, so the standard "
                     "deviation is the square root of that.")
    if abs(value - math.sqrt(2 / width)) <= 0.02 * math.sqrt(2 / width):
        return wrong(f"{value:.4g} is sqrt(2/n), He's rule for ReLU (which zeroes half the "
                     "signal). In a linear network it makes every layer sqrt(2) ≈ 1.41 times "
                     "bigger.")
    direction = "grows" if factor > 1 else "shrinks"
    return wrong(f"with std {value:.4g} each layer multiplies the size by about "
                 f"std * sqrt({width}) = {factor:.3g}, so it {direction} exponentially with depth.")


OVERFLOW_SCALE = 2.0  # W = 2·I: the largest weight scale on notebook 01's slider
FLOAT64_MAX = 1.7976931348623157e308
FLOAT32_MAX = 3.4028234663852886e38


def _first_power_above(base, limit):
    """The first whole L with base**L > limit (base > 1), in exact rational arithmetic: near
    the float64 limit, log(limit) / log(base) is itself rounded (for base 2 it comes out as
    exactly 1024.0), so the estimate is only a starting point."""
    base, limit = Fraction(base), Fraction(limit)
    layers = max(1, math.floor(math.log(limit) / math.log(base)) - 1)
    while base**layers <= limit:
        layers += 1
    return layers


def check_overflow_layer(answer):
    """At which layer do the activations of W = 2·I (x = 1) first overflow float64 to inf?"""
    value = read_number(answer, "after L layers the activations are 2**L. Find the first whole L "
                                "with 2**L above float64's largest number, about 1.8e308: take "
                                "log2 (or log10) of both sides.",
                                "the answer is a layer number (a whole number)")
    if isinstance(value, Feedback):
        return value
    if value != int(value) or value < 1:
        return wrong(f"{value} is not a layer number: give the first whole L for which 2**L "
                     "no longer fits in a float64.")
    layer = int(value)
    target = _first_power_above(OVERFLOW_SCALE, FLOAT64_MAX)
    if layer == target:
        return correct(f"2**{target - 1} ≈ {2.0 ** (target - 1):.3g} still fits, 2**{target} "
                       f"does not: inf at layer {target}. Set weight scale 2.0 and a depth past "
                       f"{target} in the figure: the red dashed line sits at layer {target}.")
    if layer == _first_power_above(OVERFLOW_SCALE, FLOAT32_MAX):
        return wrong(f"layer {layer} is where float32 (largest number about 3.4e38) gives up. "
                     "The figure computes in float64, whose limit is about 1.8e308.")
    if layer == _first_power_above(1.5, FLOAT64_MAX):
        return wrong(f"layer {layer} is where w = 1.5 overflows (printed above). With w = 2 "
                     "each layer doubles the signal, so it gets there sooner.")
    if layer < target:
        return wrong(f"2**{layer} ≈ {OVERFLOW_SCALE ** layer:.3g} is still below 1.8e308, so "
                     "the activations are finite at that layer: you need more layers.")
    return wrong(f"at layer {layer} the activations are inf, but they already were one layer "
                 f"earlier: 2**{layer - 1} exceeds 1.8e308 too. Find the *first* layer where "
                 "2**L does.")
