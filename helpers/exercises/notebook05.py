"""Exercises of notebook 05 (through time: RNN vs LSTM)."""
import math

from . import as_number, correct, is_placeholder, not_attempted, wrong

# exercise 1: a vanilla RNN whose W_h has this spectral radius, and the mean tanh' its units pass
RADIUS = 1.2
MEAN_TANH_SLOPE = 0.5
# exercise 2: an LSTM whose forget gate sits at sigmoid(FORGET_BIAS), over STEPS steps
FORGET_BIAS = 3.0
STEPS = 100


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def _near(value, target, rtol=0.02):
    return abs(value - target) <= rtol * abs(target)


def check_per_step_factor(answer):
    """By what factor does ||dL/dh_t|| change per step back, for rho = 1.2 and mean tanh' = 0.5?"""
    if is_placeholder(answer):
        return not_attempted("one step back multiplies the gradient by diag(tanh'(z_t)) and by "
                             "W_h^T; the first is about the mean tanh', the second about the "
                             "spectral radius.")
    value = as_number(answer)
    if value is None or value <= 0:
        return wrong(f"the answer is a positive number (a factor per step), got {answer!r}.")
    target = RADIUS * MEAN_TANH_SLOPE
    if _near(value, target):
        after = target ** 50
        return correct(f"ρ · mean tanh′ = {RADIUS} × {MEAN_TANH_SLOPE} = {target:.2g} per step: "
                       f"fifty steps back only {after:.1e} of the gradient is left, although "
                       "ρ > 1. The saturating tanh turned a growing matrix into a vanishing "
                       "gradient.")
    if _near(value, RADIUS):
        return wrong(f"{value:.3g} is the spectral radius alone. The tanh also multiplies every "
                     "step, by tanh′(z_t) ≤ 1: include the mean slope.")
    if _near(value, MEAN_TANH_SLOPE):
        return wrong(f"{value:.3g} is the tanh′ factor alone. The gradient also goes through "
                     "W_hᵀ, which stretches it by about the spectral radius ρ.")
    if _near(value, RADIUS + MEAN_TANH_SLOPE):
        return wrong("the two factors are applied one after the other, so they multiply; "
                     "they do not add.")
    if _near(value, RADIUS / MEAN_TANH_SLOPE) or _near(value, MEAN_TANH_SLOPE / RADIUS):
        return wrong("both factors multiply the gradient: neither divides it.")
    direction = "grow" if value > 1 else "shrink"
    return wrong(f"with a factor of {value:.3g} the gradient would {direction} by that much per "
                 "step; work out the two factors of one backward step and combine them.")


def check_forget_gate_survival(answer):
    """What fraction of dL/dc_T reaches c_0 over 100 steps when every forget gate is sigmoid(3)?"""
    if is_placeholder(answer):
        return not_attempted("along the cell state, one step back multiplies the gradient by "
                             "the forget gate f = sigmoid(b_f), and nothing else; do that "
                             f"{STEPS} times.")
    value = as_number(answer)
    if value is None or value < 0:
        return wrong(f"the answer is a fraction: a number between 0 and 1, got {answer!r}.")
    f = _sigmoid(FORGET_BIAS)
    target = f ** STEPS
    if _near(value, target):
        return correct(f"sigmoid({FORGET_BIAS:g}) = {f:.4f} per step, and {f:.4f}^{STEPS} = "
                       f"{target:.2g}. Small, but compare a vanilla RNN at 0.6 per step: "
                       f"0.6^{STEPS} = {0.6 ** STEPS:.1e}. And the LSTM can learn f even "
                       "closer to 1 wherever it needs to remember.")
    if value > 1:
        return wrong(f"{value:.3g} is more than everything: a forget gate is a sigmoid, between "
                     f"0 and 1, so the fraction can only shrink. Did you use b_f = {FORGET_BIAS:g} "
                     "itself instead of sigmoid(b_f)?")
    if _near(value, f):
        return wrong(f"{value:.4g} is the fraction after one step; the gradient passes "
                     f"{STEPS} forget gates on its way back.")
    if _near(value, (1 - f) ** STEPS):
        return wrong("that uses 1 - f = sigmoid(-b_f), the part that is forgotten. The gradient "
                     "is multiplied by what is *kept*, f itself.")
    slope = f * (1 - f)
    if _near(value, slope ** STEPS):
        return wrong("that uses sigmoid's derivative. The cell state is c_t = f·c_{t-1} + i·g, "
                     "so dc_t/dc_{t-1} is the gate value f itself, not its slope.")
    return wrong(f"{value:.3g} is not it: multiply by f = sigmoid({FORGET_BIAS:g}) once per step, "
                 f"{STEPS} times.")
