"""Exercises of notebook 04 (initialization)."""
import math

import numpy as np

from ..math.initializers import TANH_GAIN
from ..theory.meanfield import chi1
from . import Feedback, as_number, call_answer, correct, read_number, wrong

# exercise 1: the layer whose Glorot uniform limit the learner computes
LIMIT_N_IN, LIMIT_N_OUT = 256, 64
# exercise 2: the shape the learner's initializer is called with (n_in != n_out on purpose,
# so fan-in, fan-out and their average give different variances)
HE_N_IN, HE_N_OUT = 512, 256
TOLERANCE = 0.05  # relative; 131,072 draws estimate a variance to about 0.4%


def _close(value, target, tolerance=TOLERANCE):
    return abs(value - target) <= tolerance * abs(target)


def check_xavier_uniform_limit(answer, n_in=LIMIT_N_IN, n_out=LIMIT_N_OUT):
    """The limit r of Glorot's U[-r, r] for a layer with n_in inputs and n_out outputs."""
    value = read_number(answer, "Glorot's variance is 2/(n_in + n_out), and U[-r, r] has variance "
                                "r²/3. Set the two equal and solve for r.",
                                "the limit r is a positive number", positive=True)
    if isinstance(value, Feedback):
        return value
    variance = 2 / (n_in + n_out)
    target = math.sqrt(3 * variance)
    if _close(value, target, 0.01):
        return correct(f"r = √(6/(n_in + n_out)) = √(6/{n_in + n_out}) = {target:.4g}: the "
                       f"variance r²/3 = {target**2 / 3:.4g} is Glorot's 2/(n_in + n_out).")
    if _close(value, variance, 0.01):
        return wrong(f"{value:.4g} is the variance 2/(n_in + n_out) itself. The limit r is "
                     "larger: U[-r, r] has variance r²/3, so r = √(3 · variance).")
    if _close(value, math.sqrt(variance), 0.01):
        return wrong(f"{value:.4g} is the standard deviation √(2/(n_in + n_out)), which is right "
                     "for Xavier *normal*. A uniform U[-r, r] has std r/√3, so its limit is √3 "
                     "times larger.")
    if _close(value, math.sqrt(3 / n_in), 0.01):
        return wrong(f"{value:.4g} = √(3/n_in) is LeCun's uniform limit: it uses only the fan-in "
                     f"n_in = {n_in}. Glorot averages the fan-in and the fan-out n_out = {n_out}.")
    if _close(value, math.sqrt(6 / n_in), 0.01):
        return wrong(f"{value:.4g} = √(6/n_in) is He's uniform limit (for ReLU, fan-in only). "
                     "Glorot's uses n_in + n_out.")
    if _close(value, 1 / math.sqrt(n_in), 0.01):
        return wrong(f"{value:.4g} = 1/√n_in is the old U[−1/√n, 1/√n] default, whose variance "
                     "1/(3n) is too small. Start from Glorot's variance 2/(n_in + n_out).")
    ratio = value**2 / 3 / variance
    direction = "too large" if ratio > 1 else "too small"
    return wrong(f"U[-{value:.4g}, {value:.4g}] has variance r²/3 = {value**2 / 3:.4g}, "
                 f"{ratio:.3g} times Glorot's 2/(n_in + n_out) = {variance:.4g}: {direction}.")


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
                                "The standard deviation is the square root of the variance.",
                                "a standard deviation is a positive number", positive=True)
    if isinstance(value, Feedback):
        return value
    target = TANH_GAIN / math.sqrt(n_in)
    if _close(value, target, 0.01):
        chi = float(chi1(TANH_GAIN**2, 0.0))
        return correct(f"std = (5/3) / √{n_in} = {target:.4g} (variance {target**2:.4g}): "
                       "LeCun's rule times the tanh gain, which holds the std of a deep tanh "
                       f"network steady. It lands just on the chaotic side: χ₁ = {chi:.2f}, so "
                       f"the gradient's norm grows by about √χ₁ = {math.sqrt(chi):.2f} per layer.")
    if _close(value, TANH_GAIN * math.sqrt(2 / n_in), 0.01):
        return wrong("your std is √2 too large — did you use 2/n for tanh? He's 2/n_in is for "
                     "ReLU, which zeroes half its input; tanh keeps both signs, so start from "
                     "1/n_in and multiply the std by the gain 5/3.")
    if _close(value, 1 / math.sqrt(n_in), 0.01):
        return wrong(f"{value:.4g} = 1/√n_in is LeCun's std without the gain: tanh squashes, so "
                     "the signal would shrink a little in every layer. Multiply by the gain 5/3.")
    if _close(value, math.sqrt(2 / n_in), 0.01):
        return wrong(f"{value:.4g} = √(2/n_in) is He's rule for ReLU (gain √2). The gain for "
                     "tanh is 5/3.")
    if _close(value, target**2, 0.01):
        return wrong(f"{value:.4g} is the variance gain²/n_in. The std is its square root.")
    if _close(value, TANH_GAIN / n_in, 0.01):
        return wrong(f"{value:.4g} = (5/3)/n_in: divide the gain by √n_in, not by n_in.")
    factor = value / target
    direction = "grow" if factor > 1 else "shrink"
    return wrong(f"your std is {factor:.3g} times gain/√n_in = {target:.4g}; small signals would "
                 f"{direction} by about that factor in every layer.")


# exercise 1: chi for a ReLU layer, as a function of sigma_w2 (several values, so a constant
# answer or one that ignores sigma_w2 is caught)
CHI_SIGMA_W2 = (0.5, 1.0, 2.0, 3.0)
CHI_HINT = ("χ = σ_w² · E[relu′(z)²] for z ~ N(0, q). relu′(z) is 1 where z > 0 and 0 where "
            "z < 0: what is the mean of its square? Make chi_relu(sigma_w2) return σ_w² times it.")


def check_chi_relu(chi_relu):
    """``chi_relu(sigma_w2)`` should return chi = sigma_w2 * E[relu'(z)^2] = sigma_w2 / 2."""
    values = call_answer(chi_relu, CHI_HINT, "chi_relu(sigma_w2)",
                         [(sigma_w2,) for sigma_w2 in CHI_SIGMA_W2])
    if isinstance(values, Feedback):
        return values
    numbers = [as_number(np.asarray(value).item()) if np.size(value) == 1 else None
               for value in values]
    if any(number is None for number in numbers):
        return wrong(f"chi_relu({CHI_SIGMA_W2[0]}) should return one number, got {values[0]!r}.")
    ratios = [number / sigma_w2 for number, sigma_w2 in zip(numbers, CHI_SIGMA_W2)]
    spread = max(ratios) - min(ratios)
    if spread > 0.02 * max(abs(r) for r in ratios):
        if max(numbers) - min(numbers) <= 0.02 * max(abs(n) for n in numbers):
            return wrong(f"chi_relu gives {numbers[0]:.3g} for every σ_w²: χ should grow in "
                         "proportion to σ_w² (the weights' variance multiplies every layer).")
        return wrong("χ should be proportional to σ_w²: σ_w² times one fixed number, "
                     "E[relu′(z)²]. Yours is not (compare chi_relu(1) with chi_relu(2)).")
    ratio = sum(ratios) / len(ratios)
    if _close(ratio, 0.5, 0.02):
        return correct("χ = σ_w² · E[relu′(z)²] = σ_w² / 2: the slope is 1 on the positive "
                       "half of z and 0 on the negative half, so the mean squared gradient "
                       "keeps half. χ = 1 asks for σ_w² = 2, Var(W) = 2/n_in: He's rule. And "
                       "the ½ holds whatever the size of z, so the same gain works at every "
                       "depth — unlike tanh, whose E[tanh′²] depends on how big z is.")
    if _close(ratio, 1.0, 0.02):
        return wrong("χ = σ_w² would mean a slope of 1 everywhere. relu′(z) = 0 for z < 0, "
                     "and half of a symmetric z is negative: what is E[relu′(z)²]?")
    if _close(ratio, 0.25, 0.02):
        return wrong("relu′(z)² is 1 where z > 0 and 0 elsewhere, so its mean is P(z > 0) = ½. "
                     "You squared the probability as well; square only the slope.")
    if _close(ratio, 2.0, 0.02):
        return wrong("2 is the σ_w² at which χ = 1 (He's rule): it undoes the factor you are "
                     "asked for. χ itself is σ_w² *times* E[relu′(z)²].")
    if _close(ratio, math.sqrt(0.5), 0.02):
        return wrong("that is σ_w²·√½. χ is about the mean *squared* gradient: it uses "
                     "E[relu′(z)²] itself, with no square root.")
    return wrong(f"your χ is {ratio:.3g} × σ_w². It should be σ_w² × E[relu′(z)²] for "
                 "z ~ N(0, q): on what fraction of the inputs is relu′ = 1?")
