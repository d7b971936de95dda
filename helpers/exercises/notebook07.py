"""Exercises of notebook 07 (beyond the sources: the edge of chaos)."""
import math

from ..math.initializers import TANH_GAIN
from ..theory.meanfield import chi1, depth_scale
from . import as_number, correct, is_placeholder, not_attempted, wrong


def check_critical_sigma_w2(answer):
    """With no biases (sigma_b2 = 0), at which sigma_w2 is a deep tanh network critical?"""
    if is_placeholder(answer):
        return not_attempted("with sigma_b2 = 0 the fixed point is q* = 0 on the ordered side, "
                             "so chi_1 = sigma_w2 * tanh'(0)**2. What is tanh'(0)?")
    value = as_number(answer)
    if value is None or value <= 0:
        return wrong(f"sigma_w2 is a variance (times n): a positive number, got {answer!r}.")
    if abs(value - 1.0) <= 0.02:
        return correct("sigma_w2 = 1: with q* = 0 every unit works at tanh'(0) = 1, so "
                       "chi_1 = sigma_w2 and the edge of chaos is at 1. It is LeCun's "
                       "Var(W) = 1/n, read from the mean-field side.")
    if abs(value - 2.0) <= 0.04:
        return wrong("2 is He's factor for ReLU, which zeroes half of its inputs. tanh passes "
                     "small inputs with slope tanh'(0) = 1, so nothing needs doubling.")
    if abs(value - TANH_GAIN**2) <= 0.05:
        return wrong(f"{value:.3g} is the tanh gain (5/3) squared. That gain corrects for "
                     "saturation at unit-size inputs; at the critical point with sigma_b2 = 0 "
                     "the signal shrinks to q* = 0, where tanh'(0) = 1.")
    if abs(value - 1.76) <= 0.02:
        return wrong("1.76 is the critical sigma_w2 when sigma_b2 = 0.05. The biases keep q* "
                     "above 0 there; with sigma_b2 = 0 where does q* settle?")
    gain = float(chi1(value, 0.0))
    side = "ordered (chi_1 < 1): gradients fade" if gain < 1 else \
        "chaotic (chi_1 > 1): gradients grow"
    return wrong(f"at sigma_w2 = {value:.3g}, sigma_b2 = 0 the mean-field chi_1 is {gain:.3f}, "
                 f"{side}. You want chi_1 = 1 exactly.")


def layers_for_gradient_factor(sigma_w2, sigma_b2, factor):
    """The first whole L with chi_1**L < 1 / factor (ordered side)."""
    gain = float(chi1(sigma_w2, sigma_b2))
    return math.floor(math.log(factor) / -math.log(gain)) + 1


def check_layers_to_shrink_gradient(answer, sigma_w2=1.5, sigma_b2=0.05, factor=1000):
    """Through how many layers does the squared gradient shrink by ``factor`` at this point?"""
    gain = float(chi1(sigma_w2, sigma_b2))
    if is_placeholder(answer):
        return not_attempted(f"each layer multiplies the squared gradient by chi_1 = {gain:.4f} "
                             f"on average; find the first whole L with chi_1**L < 1/{factor}.")
    value = as_number(answer)
    if value is None:
        return wrong(f"the answer is a number of layers (a whole number), got {answer!r}.")
    if value != int(value):
        return wrong(f"{value} is not a whole number of layers: round up to the first whole L "
                     f"with chi_1**L < 1/{factor}.")
    layers = int(value)
    target = layers_for_gradient_factor(sigma_w2, sigma_b2, factor)
    xi = float(depth_scale(sigma_w2, sigma_b2))
    if layers == target:
        return correct(f"chi_1**{layers} = {gain**layers:.3g} but chi_1**{layers - 1} = "
                       f"{gain ** (layers - 1):.3g}. That is ln({factor}) ≈ "
                       f"{math.log(factor):.2f} depth scales of xi = {xi:.1f} layers each.")
    if layers == round(xi) or layers == math.ceil(xi):
        return wrong(f"{layers} layers is one depth scale xi: the squared gradient shrinks by a "
                     f"factor e ≈ 2.7 there, not {factor}. How many factors of e make {factor}?")
    if layers < 1:
        return wrong("the network needs at least one layer.")
    size = gain**layers
    if size >= 1 / factor:
        return wrong(f"after {layers} layers the factor is chi_1**{layers} = {size:.3g}, still "
                     f"above 1/{factor}: you need more layers.")
    return wrong(f"chi_1**{layers} = {size:.3g} is below 1/{factor}, but so is "
                 f"chi_1**{layers - 1} = {gain ** (layers - 1):.3g}: find the *first* such L.")
