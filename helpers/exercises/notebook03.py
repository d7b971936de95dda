"""Exercises of notebook 03 (activation derivatives)."""
import math

from ..math.activations import SATURATION_LEVEL  # |tanh(z)| above it counts as saturated
from . import Feedback, correct, read_number, wrong

PRE_ACTIVATION_STD = 1.5


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
                 f"the time and {alpha}² the other half.")
