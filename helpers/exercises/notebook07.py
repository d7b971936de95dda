"""Exercises of notebook 07 (beyond the sources: the edge of chaos)."""
import math

from ..math.initializers import TANH_GAIN
from ..theory.meanfield import chi1, critical_sigma_w2, depth_scale, fixed_point_variance
from . import Feedback, correct, read_number, wrong

CRITICAL_SIGMA_B2 = 0.2  # exercise 1: the bias variance at which to find the edge of chaos
SLIDER_STEP = 0.05  # the phase-diagram figure moves sigma_w2 in these steps
EXAMPLE_SIGMA_B2 = 0.05  # the point the notebook works out in section 2


def check_critical_sigma_w2(answer, sigma_b2=CRITICAL_SIGMA_B2):
    """At this sigma_b2, at which sigma_w2 is a deep tanh network at the edge of chaos?"""
    hint = (f"in the phase-diagram figure set σ_b² = {sigma_b2} and move σ_w² "
            "until the status line says chi_1 crosses 1 (the gradient line is "
            "flat). Predict first: above or below the 1.76 of σ_b² = 0.05?")
    value = read_number(answer, hint,
                        "sigma_w2 is a variance (times n): a positive number", positive=True)
    if isinstance(value, Feedback):
        return value
    target = float(critical_sigma_w2(sigma_b2))
    example = float(critical_sigma_w2(EXAMPLE_SIGMA_B2))
    if abs(value - target) <= SLIDER_STEP:
        below = math.floor(target / SLIDER_STEP) * SLIDER_STEP  # the slider steps either side
        above = below + SLIDER_STEP
        return correct(
            f"the critical line passes σ_b² = {sigma_b2} at σ_w² = {target:.3f}, between two "
            f"steps of the slider: chi_1 = {float(chi1(below, sigma_b2)):.3f} at {below:.2f}, "
            f"{float(chi1(above, sigma_b2)):.3f} at {above:.2f}. More bias variance holds the "
            "pre-activations further out: "
            f"q* = {float(fixed_point_variance(target, sigma_b2)):.2f} on the edge here, against "
            f"{float(fixed_point_variance(example, EXAMPLE_SIGMA_B2)):.2f} at σ_b² = "
            f"{EXAMPLE_SIGMA_B2}. There tanh is flatter, E[tanh'(z)²] is smaller, and it takes a "
            "larger σ_w² to bring chi_1 = σ_w²·E[tanh'(z)²] back up to 1.")
    if abs(value - 1.0) <= 0.02:
        return wrong("σ_w² = 1 is the edge without biases, where q* = 0 and every unit works at "
                     f"tanh'(0) = 1. With σ_b² = {sigma_b2} the biases keep q* above 0, where the "
                     "average slope is smaller.")
    if abs(value - example) <= 0.02:
        return wrong(f"{example:.2f} is the edge at σ_b² = {EXAMPLE_SIGMA_B2}. Set the σ_b² "
                     f"slider to {sigma_b2}: the edge moves.")
    gain = float(chi1(value, sigma_b2))
    if gain < 1:
        return wrong(f"at σ_w² = {value:.3g}, σ_b² = {sigma_b2} the mean-field chi_1 is "
                     f"{gain:.3f}: the ordered side (the mean squared gradient fades). Move σ_w² up.")
    return wrong(f"at σ_w² = {value:.3g}, σ_b² = {sigma_b2} the mean-field chi_1 is {gain:.3f}: "
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
