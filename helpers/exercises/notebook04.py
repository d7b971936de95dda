"""Exercises of notebook 04 (initialization)."""
import math

import numpy as np

from ..math.initializers import TANH_GAIN
from ..theory.meanfield import chi1
from . import (Feedback, as_number, call_answer, correct, read_number, rounding_feedback,
               shown, within_rounding, wrong)

# exercise 2: the layer whose Glorot uniform limit the learner computes
LIMIT_N_IN, LIMIT_N_OUT = 256, 64
# the He-initializer exercise (Going deeper): the shape the learner's initializer is called with (n_in != n_out on purpose,
# so fan-in, fan-out and their average give different variances)
HE_N_IN, HE_N_OUT = 512, 256
TOLERANCE = 0.05  # relative; 131,072 draws estimate a variance to about 0.4%
# layers the notebook shows before exercise 2 (its Glorot uniform example, n_in = 300, n_out = 100): an answer for them
# means the learner's cell used the example's numbers
OTHER_LAYERS = ((300, 100),)


def _close(value, target, tolerance=TOLERANCE):
    return abs(value - target) <= tolerance * abs(target)


def _matches(value, target):
    """``value`` is ``target`` written to 3 significant figures (or closer): how the typical
    mistakes are recognised, so that none of them fires on a correctly rounded answer."""
    return within_rounding(value, target)


def check_xavier_uniform_limit(answer, n_in=LIMIT_N_IN, n_out=LIMIT_N_OUT):
    """The limit r of Glorot's U[-r, r] for a layer with n_in inputs and n_out outputs."""
    value = read_number(answer, "Glorot's variance is 2/(n_in + n_out), and U[-r, r] has variance "
                                f"r²/3. Set the two equal and solve for r (n_in = {n_in}, "
                                f"n_out = {n_out}); give 3 significant figures.",
                                "the limit r is a positive number", positive=True)
    if isinstance(value, Feedback):
        return value
    variance = 2 / (n_in + n_out)
    target = math.sqrt(3 * variance)
    if _matches(value, target):
        return correct(f"r = √(6/(n_in + n_out)) = √(6/{n_in + n_out}) = {target:.4g}: the "
                       f"variance r²/3 = {target**2 / 3:.4g} is Glorot's 2/(n_in + n_out).")
    for other_in, other_out in OTHER_LAYERS:
        if _matches(value, math.sqrt(6 / (other_in + other_out))):
            return wrong(f"{value:.4g} is Glorot's limit for a layer with n_in = {other_in} and "
                         f"n_out = {other_out} (the example above the exercise). This exercise's "
                         f"layer has n_in = {n_in}, n_out = {n_out}: set them in your cell.")
    if _matches(value, variance):
        return wrong(f"{value:.4g} is the variance 2/(n_in + n_out) itself. The limit r is "
                     "larger: U[-r, r] has variance r²/3, so r = √(3 · variance).")
    if _matches(value, math.sqrt(variance)):
        return wrong(f"{value:.4g} is the standard deviation √(2/(n_in + n_out)), which is right "
                     "for Xavier *normal*. A uniform U[-r, r] has std r/√3, so its limit is √3 "
                     "times larger.")
    if _matches(value, math.sqrt(3 / n_in)):
        return wrong(f"{value:.4g} = √(3/n_in) is LeCun's uniform limit: it uses only the fan-in "
                     f"n_in = {n_in}. Glorot averages the fan-in and the fan-out n_out = {n_out}.")
    if _matches(value, math.sqrt(6 / n_in)):
        return wrong(f"{value:.4g} = √(6/n_in) is He's uniform limit (for ReLU, fan-in only). "
                     "Glorot's uses n_in + n_out.")
    if _matches(value, 1 / math.sqrt(n_in)):
        return wrong(f"{value:.4g} = 1/√n_in is the old U[−1/√n, 1/√n] default, whose variance "
                     "1/(3n) is too small. Start from Glorot's variance 2/(n_in + n_out).")
    close = rounding_feedback(value, target, "the limit")
    if close is not None:
        return close
    direction = "too large" if value > target else "too small"
    return wrong(f"U[-{value:.4g}, {value:.4g}] has variance r²/3 = {value**2 / 3:.4g}, "
                 f"{direction} for Glorot's 2/(n_in + n_out) = 2/{n_in + n_out}.")


HE_HINT = ("make he_init(n_in, n_out, rng) return rng.normal(...) with mean 0, variance "
           "2/n_in and shape (n_in, n_out).")


def check_he_init(initializer):
    """``initializer(n_in, n_out, rng)`` should return an (n_in, n_out) He-normal matrix."""
    # seeds 0, 0 and 1: the same seed must give the same weights, another seed others
    draws = call_answer(initializer, HE_HINT, f"he_init({HE_N_IN}, {HE_N_OUT}, rng)",
                        [(HE_N_IN, HE_N_OUT, np.random.default_rng(seed)) for seed in (0, 0, 1)])
    if isinstance(draws, Feedback):
        return draws
    first, again, other = draws
    try:
        weights = np.asarray(first, dtype=float)
    except (TypeError, ValueError):
        return wrong(f"he_init should return a NumPy array, got {type(first).__name__}.")
    shape = (HE_N_IN, HE_N_OUT)
    if weights.shape == shape[::-1]:
        return wrong(f"the shape is {weights.shape}, transposed: the course computes x @ W, so "
                     f"W has shape (n_in, n_out) = {shape}.")
    if weights.shape != shape:
        return wrong(f"he_init({HE_N_IN}, {HE_N_OUT}, rng) should have shape {shape}, got "
                     f"{weights.shape}.")
    if not np.all(np.isfinite(weights)):
        return wrong("some weights are inf or NaN.")
    if np.ptp(weights) == 0:
        return wrong("every weight is the same number: all units of a layer would compute the "
                     "same thing and get the same update forever. Draw them at random.")
    if not np.array_equal(weights, np.asarray(again, dtype=float)) or np.array_equal(
            weights, np.asarray(other, dtype=float)):
        return wrong("draw with the rng you are given (rng.normal(...)), not np.random: then "
                     "the same seed gives the same weights and another seed other weights.")
    variance = float(weights.var())
    mean = float(weights.mean())
    if abs(mean) > 0.1 * math.sqrt(variance):
        return wrong(f"the weights have mean {mean:.3g}; they should be centred on 0 (the "
                     "derivation assumes zero-mean weights).")
    target = 2 / HE_N_IN
    ratio = variance / target
    if _close(ratio, 1):
        return correct(f"Var(W) = {variance:.4g} ≈ 2/n_in = {target:.4g}: each ReLU layer keeps "
                       "the second moment of its input.")
    if _close(ratio, 0.5):
        return wrong(f"the variance is {variance:.4g} = 1/n_in, half of He's: that is LeCun's "
                     "rule, and your std is √2 too small. ReLU zeroes half of each layer's "
                     "signal, so use 2/n_in.")
    if _close(ratio, HE_N_IN / (HE_N_IN + HE_N_OUT)):
        return wrong(f"the variance {variance:.4g} looks like Glorot's, which uses n_in + n_out. "
                     "He's rule uses the fan-in only: 2/n_in.")
    if _close(ratio, HE_N_IN / HE_N_OUT):
        return wrong(f"the variance {variance:.4g} is 2/n_out: He's forward rule divides by the "
                     f"fan-in n_in = {HE_N_IN}, not by n_out = {HE_N_OUT}.")
    if _close(ratio, 1 / 3):
        return wrong(f"the variance {variance:.4g} is a third of He's: a uniform U[-r, r] with "
                     "r = √(2/n_in) has variance r²/3. Use rng.normal, or r = √(6/n_in).")
    if _close(ratio, target):
        return wrong("it looks like 2/n_in is your standard deviation. 2/n_in is the *variance*; "
                     "pass its square root to rng.normal.")
    direction = "grow" if ratio > 1 else "shrink"
    return wrong(f"Var(W) = {variance:.4g} is {ratio:.3g} times He's 2/n_in = {target:.4g}: "
                 f"ReLU activations would {direction} by about √{ratio:.3g} = "
                 f"{math.sqrt(ratio):.3g} per layer.")


TANH_N_IN = 400


def check_tanh_std(answer, n_in=TANH_N_IN):
    """The std of Gaussian weights for a tanh layer with n_in inputs: gain / sqrt(n_in)."""
    value = read_number(answer, "frameworks use Var(W) = gain² / n_in; the gain for tanh is 5/3. "
                                "The standard deviation is the square root of the variance. "
                                "Give 3 significant figures.",
                                "a standard deviation is a positive number", positive=True)
    if isinstance(value, Feedback):
        return value
    target = TANH_GAIN / math.sqrt(n_in)
    if _matches(value, target):
        chi = float(chi1(TANH_GAIN**2, 0.0))
        return correct(f"std = (5/3) / √{n_in} = {target:.4g} (variance {target**2:.4g}): "
                       "LeCun's rule times the tanh gain, which holds the std of a deep tanh "
                       f"network steady. It lands just above χ = 1: χ = {chi:.2f}, so "
                       f"the gradient's norm grows by about √χ = {math.sqrt(chi):.2f} per layer.")
    if _matches(value, TANH_GAIN * math.sqrt(2 / n_in)):
        return wrong("your std is √2 too large — did you use 2/n for tanh? He's 2/n_in is for "
                     "ReLU, which zeroes half its input; tanh keeps both signs, so start from "
                     "1/n_in and multiply the std by the gain 5/3.")
    if _matches(value, 1 / math.sqrt(n_in)):
        return wrong(f"{value:.4g} = 1/√n_in is LeCun's std without the gain: tanh squashes, so "
                     "the signal would shrink a little in every layer. Multiply by the gain 5/3.")
    if _matches(value, math.sqrt(2 / n_in)):
        return wrong(f"{value:.4g} = √(2/n_in) is He's rule for ReLU (gain √2). The gain for "
                     "tanh is 5/3.")
    if _matches(value, math.sqrt(TANH_GAIN / n_in)):
        return wrong(f"{value:.4g} = √(gain/n_in): the gain multiplies the *std*, so the variance "
                     "is gain²/n_in. Square the gain before dividing, or multiply the std 1/√n_in "
                     "by the gain.")
    if _matches(value, target**2):
        return wrong(f"{value:.4g} is the variance gain²/n_in. The std is its square root.")
    if _matches(value, TANH_GAIN / n_in):
        return wrong(f"{value:.4g} = (5/3)/n_in: divide the gain by √n_in, not by n_in.")
    close = rounding_feedback(value, target, "the std")
    if close is not None:
        return close
    direction = "grow" if value > target else "shrink"
    size = "large" if value > target else "small"
    return wrong(f"your std is too {size}: small signals would {direction} in every layer. "
                 "Start from Var(W) = gain²/n_in with the tanh gain 5/3.")


# exercise 1: the gain of leaky ReLU, as a function of its slope alpha (several alphas, so a
# constant answer or one that ignores alpha is caught)
GAIN_ALPHAS = (0.0, 0.01, 0.2, 0.5, 1.0)
GAIN_HINT = ("χ = σ_w² · E[g′(z)²]. For leaky ReLU g′(z) is 1 for z > 0 and α for z < 0, each "
             "half of the time. Find the σ_w² that makes χ = 1; the gain is its square root.")


def leaky_gain(alpha):
    return math.sqrt(2 / (1 + alpha**2))


def check_leaky_relu_gain(leaky_relu_gain):
    """``leaky_relu_gain(alpha)`` should return sqrt(2 / (1 + alpha^2)), the gain for which
    sigma_w2 = gain^2 makes chi = 1 for leaky ReLU with slope alpha below 0."""
    values = call_answer(leaky_relu_gain, GAIN_HINT, "leaky_relu_gain(alpha)",
                         [(alpha,) for alpha in GAIN_ALPHAS])
    if isinstance(values, Feedback):
        return values
    numbers = [as_number(np.asarray(value).item()) if np.size(value) == 1 else None
               for value in values]
    if any(number is None for number in numbers):
        return wrong(f"leaky_relu_gain({GAIN_ALPHAS[2]}) should return one number, got "
                     f"{shown(values[2])}.")
    alphas = np.array(GAIN_ALPHAS)
    answers = np.array(numbers)
    if np.any(np.abs(answers) > 1e6):
        return wrong("your gains are far too large: a gain is a number near 1.")

    def matches(expected):
        return within_rounding(answers, expected)

    if matches(np.sqrt(2 / (1 + alphas**2))):
        return correct("gain = √(2/(1 + α²)): E[g′(z)²] = ½·1² + ½·α² = (1 + α²)/2, and χ = 1 "
                       "asks for σ_w² = 2/(1 + α²). At α = 0 it is ReLU's √2 (He's rule); at "
                       f"α = 0.01, PyTorch's default, it is {leaky_gain(0.01):.5f} — the slope "
                       "below 0 changes almost nothing; at α = 1 the activation is linear and "
                       "the gain is 1 (LeCun's rule).")
    if matches(2 / (1 + alphas**2)):
        return wrong("that is σ_w² = gain², the variance factor. The gain multiplies the std "
                     "of the weights: take the square root.")
    if matches(np.full(alphas.shape, math.sqrt(2))):
        return wrong("√2 for every α is ReLU's gain: it leaves out the negative side, where the "
                     "slope α still passes on α² of the mean squared gradient.")
    if matches(np.sqrt(2 / (1 + alphas))) or matches(2 / (1 + alphas)):
        return wrong("that averages the slopes, (1 + α)/2. χ uses the mean of the *squared* "
                     "slope: (1 + α²)/2.")
    if matches((1 + alphas**2) / 2) or matches(np.sqrt((1 + alphas**2) / 2)):
        return wrong("that is E[g′(z)²] (or its root), what one layer keeps at σ_w² = 1. The "
                     "gain must undo it: σ_w² · E[g′(z)²] = 1.")
    if matches(np.sqrt(1 / (1 + alphas**2))) or matches(np.sqrt(1 + alphas**2)):
        return wrong("weigh each side by ½: z is positive half of the time, so "
                     "E[g′(z)²] = ½·1² + ½·α².")
    if np.ptp(answers) <= 1e-9:
        return wrong(f"leaky_relu_gain gives {answers[0]:.3g} for every α: the gain should "
                     "depend on the slope α below 0.")
    return wrong("not quite: at α = 0 leaky ReLU is ReLU (gain √2), at α = 1 it is the identity "
                 "(gain 1). Work out E[g′(z)²], then the σ_w² that makes χ = 1.")


# ----- predictions, made before the cell that shows the answer ---------------------------------

# prediction 1: the layer of the first check (fan-in 256, weights N(0, 0.1^2)); the other two
# layers of that network have fan-ins 64 and 32
FACTOR_N_IN, FACTOR_WEIGHT_STD = 256, 0.1
FACTOR_OTHER_FAN_INS = (64, 32)
FACTOR_HINT = ("one layer multiplies the second moment of its signal by n_in · Var(W). Here "
               f"n_in = {FACTOR_N_IN} and the weights have std {FACTOR_WEIGHT_STD}. Give 3 "
               "significant figures.")


def check_variance_factor(answer):
    """Prediction: by what factor does a layer with 256 inputs and weights N(0, 0.1^2) multiply
    the variance of its signal? (n_in Var(W) = 2.56)."""
    value = read_number(answer, FACTOR_HINT, "the answer is a number, a factor")
    if isinstance(value, Feedback):
        return value
    n_in, std = FACTOR_N_IN, FACTOR_WEIGHT_STD
    target = n_in * std**2
    if _matches(value, target):
        return correct(f"n_in · Var(W) = {n_in} × {std}² = {target:.3g}: this layer amplifies "
                       "its input's variance, although each weight is small, because it adds up "
                       f"{n_in} of them. The same weights with 32 inputs would shrink it.")
    if _matches(value, n_in * std):
        return wrong(f"{value:.3g} = n_in × {std} uses the weights' std. The formula takes their "
                     f"*variance*, {std}² = {std**2:g}.")
    if _matches(value, math.sqrt(n_in) * std):
        return wrong(f"{value:.3g} = √n_in × std is the factor for the signal's *std*. The "
                     "variance changes by its square.")
    for other in FACTOR_OTHER_FAN_INS:
        if _matches(value, other * std**2):
            return wrong(f"{value:.3g} is the factor of a layer with {other} inputs. This one "
                         f"has n_in = {n_in}.")
    if _matches(value, std**2) or _matches(value, std):
        return wrong("the n_in products add up: each of the n_in terms brings Var(W) times the "
                     "input's second moment, so multiply by n_in.")
    if _matches(value, n_in):
        return wrong("multiply by the weights' variance too: n_in · Var(W).")
    close = rounding_feedback(value, target, "the factor")
    if close is not None:
        return close
    return wrong(f"not quite. The sum z_j = Σ_i a_i W_ij has n_in = {n_in} terms, each with "
                 f"variance Var(W) · E[a²]; the weights have std {std}.")


# prediction 2: ReLU at LeCun's Var(W) = 1/n_in
RELU_FACTOR_HINT = ("ReLU zeroes the negative half of z, so E[relu(z)²] = ½ Var(z), and LeCun's "
                    "Var(W) = 1/n_in multiplies the second moment by 1. What happens to the std? "
                    "Give 3 significant figures.")


def check_relu_lecun_factor(answer):
    """Prediction: per layer, by what factor does the std of a ReLU network's activations change
    with LeCun's Var(W) = 1/n_in? (1/sqrt(2) = 0.707)."""
    value = read_number(answer, RELU_FACTOR_HINT, "the answer is a number, a factor per layer")
    if isinstance(value, Feedback):
        return value
    target = 1 / math.sqrt(2)
    if _matches(value, target):
        return correct("1/√2 ≈ 0.707: ReLU keeps half of the second moment, and LeCun's "
                       "n_in · Var(W) = 1 does not give it back, so the std shrinks by 1/√2 in "
                       "every layer — (1/√2)⁵⁰ ≈ 3e-8 after fifty of them.")
    if _matches(value, 0.5):
        return wrong("½ is what happens to the *second moment* (the mean square). The std is "
                     "its square root.")
    if _matches(value, 1.0):
        return wrong("LeCun's rule keeps the signal steady when the activation passes it on "
                     "whole, like tanh near 0. ReLU sets the negative half of every layer's z "
                     "to 0: what is left of E[z²]?")
    if _matches(value, math.sqrt(2)) or _matches(value, 2.0):
        return wrong("the signal loses, not gains: ReLU throws away the negative half. √2 is "
                     "the gain that makes up for it.")
    close = rounding_feedback(value, target, "the factor")
    if close is not None:
        return close
    return wrong("not quite. Work with the second moment first (ReLU keeps half of it, LeCun's "
                 "weights multiply it by n_in · Var(W) = 1), then take the square root.")
