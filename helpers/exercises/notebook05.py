"""Exercises of notebook 05 (through time: RNN vs LSTM)."""
import math

from . import (Feedback, correct, judge_choice, read_number, rounding_feedback, within_rounding,
               wrong)

# exercise 1: a wide vanilla RNN whose W_h has sigma_w2 = ||W_h||_F^2 / H = SIGMA_W2 (so its
# spectral radius is about sqrt(SIGMA_W2) = 1.2), and whose units' slopes have this mean and
# this mean square (a spread of slopes: some units saturated, others not)
SIGMA_W2 = 1.44
MEAN_TANH_SLOPE = 0.5
MEAN_SQUARED_TANH_SLOPE = 0.3
# exercise 2: which forget-gate bias keeps SURVIVING of the gradient over STEPS steps along the
# cell state alone (every forget gate at f = sigmoid(b_f))
STEPS = 100
SURVIVING = 0.01


def _near(value, target, rtol=0.02):
    """For the typical mistakes only: a learner's slip is recognised within 2%."""
    return abs(value - target) <= rtol * abs(target)


# prediction 1: how much of the gradient on h_100 reaches h_0 at rho = 1 (H = 32, inputs N(0, 1))
SURVIVAL_OPTIONS = {
    "A": "about all of it",
    "B": "about a tenth",
    "C": "less than 1e-20 of it",
    "D": "more than a million times it",
}
SURVIVAL_HINT = ("one step back multiplies by W_hᵀ *and* by the tanh slopes tanh′(z_t) ≤ 1; "
                 "what is left after 100 of them?")
SURVIVAL_FEEDBACK = {
    "C": "ρ = 1 only makes the matrix's long-run stretch 1. Every step also multiplies by the "
         "tanh slopes, about 0.6 here, and 0.6^100 ≈ 1e-22: the gradient on h_0 all but "
         "vanishes.",
    "A": "ρ = 1 is the stretch of W_h alone. Each step back also multiplies by the tanh slopes "
         "tanh′(z_t) ≤ 1, and a hundred factors below 1 compound.",
    "B": "a factor just below 1 per step would leave about a tenth; the tanh slopes here are far "
         "below 1 on average (the inputs push the units away from 0), and 100 such factors "
         "compound to far less.",
    "D": "growth needs more than 1 per step. With ρ = 1 and the tanh slopes ≤ 1, every step back "
         "multiplies the gradient by less than 1.",
}
# prediction 2: what clipping does for the vanilla RNN at rho = 1 on the memory task, delay 30
CLIPPING_OPTIONS = {
    "A": "it rescues the RNN",
    "B": "it hardly ever engages, and the RNN still fails",
    "C": "it engages on most steps, and the RNN learns slowly",
}
CLIPPING_HINT = ("clipping only ever multiplies the whole gradient by min(1, θ/‖g‖): when does "
                 "that number differ from 1?")
CLIPPING_FEEDBACK = {
    "B": "clipping acts only when ‖g‖ > θ, and a vanishing gradient is small, not large. Even "
         "when it acts it multiplies every part of g by the same number ≤ 1, so the part from "
         "step 1 stays 1e-7 of the rest: clipping cures explosion, not vanishing.",
    "A": "clipping never makes a gradient larger: it multiplies the whole gradient by "
         "min(1, θ/‖g‖) ≤ 1. The part that comes from step 1 stays as tiny, relative to the "
         "rest, as it was.",
    "C": "clipping engages only when ‖g‖ > θ. At ρ = 1 the gradient through time vanishes, so "
         "there is rarely a large gradient to cap.",
}


def check_survival_at_radius_one(answer):
    """Prediction: at rho(W_h) = 1, how much of dL/dh_100 reaches h_0?"""
    return judge_choice(answer, SURVIVAL_OPTIONS, SURVIVAL_HINT, "C", SURVIVAL_FEEDBACK)


def check_clipping_on_vanishing(answer):
    """Prediction: clipping at theta = 1 on the vanilla RNN at rho = 1, memory task, delay 30."""
    return judge_choice(answer, CLIPPING_OPTIONS, CLIPPING_HINT, "B", CLIPPING_FEEDBACK)


def check_per_step_factor(answer):
    """By what factor does ||dL/dh_t|| change per step back, with notebook 04's chi?"""
    hint = ("χ = σ_w² · E[tanh′(z)²] multiplies the mean *squared* gradient "
            "once per step; the norm changes by the square root of that.")
    value = read_number(answer, hint,
                        "the answer is a positive number (a factor per step)", positive=True)
    if isinstance(value, Feedback):
        return value
    radius = math.sqrt(SIGMA_W2)
    chi = SIGMA_W2 * MEAN_SQUARED_TANH_SLOPE
    target = math.sqrt(chi)
    if within_rounding(value, target):
        after = target ** 50
        return correct(f"√χ = √({SIGMA_W2} × {MEAN_SQUARED_TANH_SLOPE}) = {target:.3f} per step: "
                       f"after fifty steps back only {after:.1e} of the gradient is left, "
                       f"although W_h stretches a typical vector by √σ_w² = {radius:.2g}. The "
                       "slopes enter as a mean square because the norm adds up squares: the "
                       "few unsaturated units carry most of it.")
    if _near(value, chi):
        return wrong(f"{value:.3g} is χ itself, the factor for the mean *squared* gradient. The "
                     "norm ‖∂L/∂h_t‖ changes by its square root.")
    if _near(value, radius * MEAN_TANH_SLOPE):
        return wrong(f"{value:.3g} = ρ · mean tanh′ is the first guess of the notebook. With the "
                     "slopes spread over the units, the norm follows their root mean square: "
                     "use E[tanh′²], as in χ.")
    if _near(value, radius * MEAN_SQUARED_TANH_SLOPE):
        return wrong("that pairs the stretch √σ_w² with the *squared* slope. Keep both squared "
                     "(χ = σ_w² · E[tanh′²]) and take one square root at the end.")
    if _near(value, SIGMA_W2 * MEAN_TANH_SLOPE):
        return wrong("σ_w² is already a square (a variance): pair it with E[tanh′²], the mean "
                     "square of the slope, not with the mean slope.")
    if _near(value, math.sqrt(MEAN_SQUARED_TANH_SLOPE)) or _near(value, MEAN_SQUARED_TANH_SLOPE):
        return wrong("that is the slopes' part alone. Each step back also goes through W_hᵀ, "
                     "which multiplies the mean squared gradient by σ_w².")
    if _near(value, radius) or _near(value, SIGMA_W2):
        return wrong("that is W_h's part alone. The tanh slopes multiply every step too.")
    close = rounding_feedback(value, target, "the factor per step")
    if close:
        return close
    direction = "grow" if value > 1 else "shrink"
    return wrong(f"with a factor of {value:.3g} the gradient would {direction} by that much per "
                 "step; work out χ = σ_w² · E[tanh′²] first, then its square root.")


def _logit(p):
    return math.log(p / (1.0 - p))


def check_forget_bias(answer):
    """The forget-gate bias b_f with sigmoid(b_f)^STEPS = SURVIVING (3 significant figures)."""
    value = read_number(answer, f"along the cell state every step back multiplies by f = σ(b_f). "
                                f"Solve f^{STEPS} = {SURVIVING:g} for f, then σ(b_f) = f for b_f: "
                                "b_f = ln(f / (1 − f)).",
                                "the answer is a number (a bias)")
    if isinstance(value, Feedback):
        return value
    f = SURVIVING ** (1.0 / STEPS)
    target = _logit(f)
    if within_rounding(value, target):
        return correct(f"f = {SURVIVING:g}^(1/{STEPS}) = {f:.4f}, and b_f = ln(f/(1 − f)) = "
                       f"{target:.2f}. Now check it in the figure: LSTM, T = {STEPS}, b_f = 3. "
                       "‖∂L/∂c_0‖ comes out far above 1% of the gradient at the last step. The "
                       "cell-state path is not the only one: at every step some gradient enters "
                       "c_t again through h_t and the gates, and rides the cell state back from "
                       "there. The forget-gate product is only the part that went the whole way "
                       "along the cell.")
    if 0 < value < 1 and abs(value - f) <= 0.005:
        return wrong(f"{value:.4g} is the gate value f. The bias is what the sigmoid turns into "
                     "f: solve σ(b_f) = f, i.e. b_f = ln(f / (1 − f)).")
    if abs(value - _logit(1 - SURVIVING)) <= 0.05:
        return wrong(f"that makes f = {1 - SURVIVING:g}, which keeps {1 - SURVIVING:g}^{STEPS} ≈ "
                     f"{(1 - SURVIVING) ** STEPS:.2f} after {STEPS} steps. Ask for f^{STEPS} = "
                     f"{SURVIVING:g} instead.")
    if abs(value + target) <= 0.05:
        return wrong(f"the sign is flipped: σ({value:.2f}) = {1 / (1 + math.exp(-value)):.3f} "
                     "would forget almost everything. A gate near 1 needs a positive bias.")
    if abs(value - math.log(SURVIVING) / STEPS) <= 0.005 or abs(value - math.log(f)) <= 0.005:
        return wrong(f"{value:.4g} is ln f. First f = e^{value:.4g}, then b_f = ln(f / (1 − f)).")
    if value < 0:
        return wrong(f"with b_f = {value:.3g} the gate starts below 0.5 and forgets more than "
                     "half per step. The bias you want is positive.")
    close = rounding_feedback(value, target, "the forget-gate bias")
    if close:
        return close
    kept = (1 / (1 + math.exp(-value))) ** STEPS
    more_or_less = "more" if kept > SURVIVING else "less"
    return wrong(f"with b_f = {value:.3g}, f = σ(b_f) = {1 / (1 + math.exp(-value)):.4f} and "
                 f"f^{STEPS} = {kept:.2g}: {more_or_less} than {SURVIVING:g}.")
