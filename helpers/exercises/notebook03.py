"""Exercises and predictions of notebook 03 (activation derivatives)."""
import math

from ..math.activations import SATURATION_LEVEL  # |tanh(z)| above it counts as saturated
from . import (Feedback, correct, judge_choice, read_number, rounding_feedback, within_rounding,
               wrong)

PRE_ACTIVATION_STD = 1.5
# a learner may estimate the share by sampling: a million draws are good to about ±0.04
# percentage points (one standard error), so ±0.15 accepts any honest sampled estimate of that
# size and still tells 16 (two figures) from 16.3
SAMPLING_TOLERANCE = 0.15


def saturated_percent(std=PRE_ACTIVATION_STD, level=SATURATION_LEVEL):
    """% of z ~ N(0, std^2) with |tanh(z)| > level: both tails beyond atanh(level)."""
    return 100.0 * math.erfc(math.atanh(level) / (std * math.sqrt(2)))


def check_saturated_percent(answer):
    """What % of tanh units are saturated (|tanh(z)| > 0.97) when z ~ N(0, 1.5^2)?"""
    value = read_number(answer, "|tanh(z)| > 0.97 means |z| > atanh(0.97) ≈ 2.09. Estimate the "
                                f"share of z ~ N(0, {PRE_ACTIVATION_STD}²) beyond that: draw many "
                                "samples with np.random.default_rng(0).normal(0, "
                                f"{PRE_ACTIVATION_STD}, size=...), or use math.erfc.",
                                "the answer is a percentage, a number between 0 and 100")
    if isinstance(value, Feedback):
        return value
    target = saturated_percent()
    if within_rounding(value, target) or abs(value - target) <= SAMPLING_TOLERANCE:
        return correct(f"about {target:.1f}% (exactly {target:.2f}%). With pre-activations of "
                       f"std {PRE_ACTIVATION_STD}, about one unit in six passes on less than 6% "
                       "of its gradient.")
    close = rounding_feedback(value, target, "the share of saturated units")
    if close is not None and abs(value - target) < 1.0:
        return close
    if within_rounding(100 * value, target, 2):
        return wrong(f"{value:.3g} looks like a fraction; the question asks for a percentage "
                     "(multiply by 100).")
    if within_rounding(value, saturated_percent(std=1.0), 2):
        return wrong(f"{value:.3g}% is the answer for std 1. Here z has standard deviation "
                     f"{PRE_ACTIVATION_STD} (variance {PRE_ACTIVATION_STD ** 2}), so many more "
                     "units are beyond |z| = 2.09.")
    if within_rounding(value, target / 2, 2):
        return wrong(f"{value:.3g}% counts one side only: tanh(z) < -0.97 is saturated too, "
                     "so count z < -2.09 as well.")
    return wrong(f"not quite ({value:.3g}%). A unit is saturated when |z| > atanh(0.97) ≈ 2.09; "
                 f"what share of N(0, {PRE_ACTIVATION_STD}²) lies beyond ±2.09? Give 3 "
                 "significant figures.")


LEAKY_ALPHA = 0.2  # the negative-side slope of the leaky ReLU in the chi exercise
CHI_SIGMA_W2 = 1.0  # sigma_w2 = n·Var(W): weights with Var(W) = 1/n
LEAKY_CHI_HINT = (f"g'(z) is 1 for z > 0 and {LEAKY_ALPHA} for z < 0, and z is as often positive "
                  "as negative. Average g'(z)**2 over the two cases, then multiply by "
                  f"sigma_w2 = {CHI_SIGMA_W2:g}.")


def check_leaky_relu_chi(answer):
    """chi = sigma_w2 · E[g'(z)^2] for a leaky ReLU with slope 0.2 below 0, sigma_w2 = 1, and
    pre-activations spread symmetrically around 0."""
    alpha, sigma_w2 = LEAKY_ALPHA, CHI_SIGMA_W2
    value = read_number(answer, LEAKY_CHI_HINT, "the answer is a number, chi")
    if isinstance(value, Feedback):
        return value
    target = sigma_w2 * (0.5 * 1.0**2 + 0.5 * alpha**2)

    def close(x):
        return abs(value - x) <= 0.003  # a sampled estimate of E[g'(z)^2] is accepted

    if close(target):
        return correct(f"chi = {sigma_w2:g} × (½·1² + ½·{alpha}²) = {target:.3g}: the mean "
                       f"squared gradient falls to {target:.0%} of its size in every layer, "
                       f"the norm to √{target:.3g} ≈ {target ** 0.5:.2f}. The negative side adds "
                       f"only ½·{alpha}² = {0.5 * alpha ** 2:.2g}: leaky ReLU keeps units alive, "
                       "but it barely changes chi. And, as for ReLU, only the sign of z enters, "
                       "so chi is the same however large the signal is.")
    if close(sigma_w2 * 0.5 * (1 + alpha)):
        return wrong(f"{value:.3g} averages the slopes, ½·(1 + {alpha}). chi needs the mean "
                     "of the *squared* slope: ½·1² + ½·α².")
    if close(sigma_w2 * 0.5):
        return wrong(f"{value:.3g} leaves out the negative side: the units with z < 0 still "
                     f"pass on {alpha} of their gradient, so they add ½·{alpha}² to E[g'(z)²].")
    if close(sigma_w2 * (1 + alpha**2)):
        return wrong(f"{value:.3g} is 1 + α²: each case happens only half of the time, so "
                     "weigh each squared slope by ½.")
    if close(target**0.5):
        return wrong(f"{value:.3g} is √chi, the factor for the gradient's *norm*. chi itself "
                     "is the factor for the mean squared gradient.")
    if close(alpha**2) or close(0.5 * alpha**2):
        return wrong("that is the negative side alone; the positive side, where the slope is "
                     "1, counts too.")
    return wrong(f"{value:.4g} is not it. chi = sigma_w2 · E[g'(z)²], with g'(z)² = 1 half of "
                 f"the time and {alpha}² the other half. Give 3 significant figures.")


# ----- predictions: a choice among options, made before the cell that shows the answer -------


RELU_OPTIONS = {
    "a": "all of it: ReLU's slope is 1",
    "b": "about half",
    "c": "about a quarter",
    "d": "it depends on how widely z is spread",
}
RELU_HINT = ("relu′(z) is 1 for z > 0 and 0 for z < 0. Average its square over a z spread "
             "evenly around 0. Answer with a letter in quotes, e.g. \"a\".")


RELU_FEEDBACK = {
    "b": "E[relu′(z)²] = 1·P(z > 0) + 0·P(z < 0) = ½. ReLU does shrink the mean squared "
         "gradient: the units with z < 0 pass nothing back. Its virtue is that the ½ is the same "
         "however widely z is spread — the table shows it.",
    "a": "the slope is 1 only where z > 0. Where z < 0 it is exactly 0 and the unit passes "
         "nothing back, so 'ReLU has no vanishing problem' is not quite true: about half of the "
         "units are silent for each example.",
    "c": "a quarter would be (½)², squaring the probability as well as the slope. relu′(z)² is "
         "1 or 0, so its mean is just P(z > 0).",
    "d": "for tanh it would: its slope depends on how large z is. ReLU's slope depends only on "
         "the sign of z, so a wider spread changes nothing.",
}


def check_relu_slope_prediction(answer):
    """Prediction: what share of the mean squared gradient do ReLU's slopes pass on, for z
    spread evenly around 0? (b: E[relu'(z)^2] = 1/2 at every spread)."""
    return judge_choice(answer, RELU_OPTIONS, RELU_HINT, "b", RELU_FEEDBACK)


TANH_SCALE_OPTIONS = {
    "a": "it vanishes",
    "b": "it keeps about the same size",
    "c": "it grows",
}
TANH_SCALE_HINT = ("one layer multiplies the mean squared gradient by χ = σ_w² · E[tanh′(z)²]. "
                   "Here σ_w² = 4, and a third of the squared slope is left. Answer with a letter "
                   "in quotes, e.g. \"a\".")
TANH_SCALE_SIGMA_W2 = 4.0  # twice the std of weights with Var(W) = 1/n
TANH_SCALE_SLOPE_LEFT = 0.34  # E[tanh'(z)^2] the 50-layer network measures, cell 11 of 03


# the χ of the network, as every answer states it
_TANH_SCALE_CHI = (f"χ ≈ {TANH_SCALE_SIGMA_W2:g} × {TANH_SCALE_SLOPE_LEFT} ≈ "
                   f"{TANH_SCALE_SIGMA_W2 * TANH_SCALE_SLOPE_LEFT:.2f}")
TANH_SCALE_FEEDBACK = {
    "c": f"{_TANH_SCALE_CHI} > 1: the weights multiply the mean squared gradient by 4, the slopes "
         "take only two thirds of it back, and the gradient grows towards the input. Saturated "
         "units do not by themselves mean vanishing gradients.",
    "a": f"saturation makes each slope small, but the weights count too: {_TANH_SCALE_CHI}. Is "
         "that above or below 1?",
    "b": f"{_TANH_SCALE_CHI} is not 1, and over 49 layers even a few per cent per layer add up "
         "to decades.",
}


def check_tanh_scale_prediction(answer):
    """Prediction: a deep tanh network with sigma_w2 = 4 has lost two thirds of its mean squared
    slope. Backwards through its layers, does the gradient vanish, keep its size or grow?
    (c: chi = 4 × 0.34 ≈ 1.36 > 1.)"""
    return judge_choice(answer, TANH_SCALE_OPTIONS, TANH_SCALE_HINT, "c", TANH_SCALE_FEEDBACK)
