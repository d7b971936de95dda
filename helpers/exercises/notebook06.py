"""Exercises of notebook 06 (residual connections)."""
import math

import numpy as np

from . import (Feedback, correct, judge_choice, read_array, read_number, rounding_feedback,
               within_rounding, wrong)

BLOCK_WIDTH = 4
BLOCK_SEED = 6
BLOCK_BRANCH_SCALE = 0.5
BRANCH_BLOCKS = 100  # exercise 2: the depth L
BRANCH_GROWTH = 2.0  # and the growth of the mean squared gradient over all L blocks


def exercise_block():
    """The block of exercise 1, a_next = a + s * tanh(a @ W + b): returns a (1, 4), W (4, 4), b (4,), s."""
    rng = np.random.default_rng(BLOCK_SEED)
    a = rng.normal(size=(1, BLOCK_WIDTH))
    W = rng.normal(scale=1 / math.sqrt(BLOCK_WIDTH), size=(BLOCK_WIDTH, BLOCK_WIDTH))
    b = rng.normal(scale=0.1, size=BLOCK_WIDTH)
    return a, W, b, BLOCK_BRANCH_SCALE


def _close(answer, target):
    """For the typical mistakes: the learner's matrix agrees with ``target`` to 3 significant
    figures (at the scale of its largest entry), as a hand-rounded answer would."""
    return within_rounding(answer, target)


# prediction 1: a 50-layer sigmoid network of width 16 on the circles, residual with s = 1/sqrt(L):
# the gradient on the activations at layer 1 against the one at the top
BOTTOM_OPTIONS = {
    "A": "about 0.25^48 of it, as in the plain network",
    "B": "about the same size",
    "C": "about 2^48 times larger",
}
BOTTOM_HINT = ("each block's Jacobian is I + ∂F/∂a: which term does the gradient keep whatever "
               "the branch does?")
BOTTOM_FEEDBACK = {
    "B": "the skip's I passes the gradient back unchanged at every block, and a branch scaled by "
         "1/√L adds only a little to it: the gradient at layer 1 is close to the one at the top.",
    "A": "that is the plain network, where every layer multiplies by a sigmoid slope ≤ 0.25. A "
         "residual block's Jacobian is I + ∂F/∂a: the I term passes the gradient back unchanged, "
         "however small the branch's slopes are.",
    "C": "the paths do add up, but a branch scaled by s = 1/√L is small: each block adds only a "
         "little to the gradient the skip passes back unchanged, so 48 blocks come nowhere near "
         "doubling it 48 times.",
}
# prediction 2: 30 unscaled pre-activation ReLU blocks, He init: E[a^2] after them over its start
GROWTH_OPTIONS = {
    "A": "about the same",
    "B": "about 2 times",
    "C": "about a billion times",
    "D": "close to zero",
}
GROWTH_HINT = ("the branch is about as big as the stream and unrelated to it, so their variances "
               "add. What does one block do to E[a²], and what do 30 blocks do?")
GROWTH_FEEDBACK = {
    "C": "each block adds a branch as big as the stream and unrelated to it, so E[a²] doubles "
         "per block: 2^30 ≈ 1e9 after 30 blocks.",
    "A": "the skip keeps the input, but the branch is *added* to it. With He's init the branch "
         "is as big as the stream, so every block adds as much again: the variances add.",
    "B": "one block doubles E[a²] (the stream plus a branch as big as itself). The next block "
         "doubles the doubled stream: the factors multiply, 2^30 in all.",
    "D": "nothing in a residual stream is multiplied by a small factor on the way through: every "
         "block only adds to it, so it cannot shrink towards zero.",
}


def check_residual_bottom_gradient(answer):
    """Prediction: in the residual sigmoid network, how big is dL/da^[1] against dL/da^[L-1]?"""
    return judge_choice(answer, BOTTOM_OPTIONS, BOTTOM_HINT, "B", BOTTOM_FEEDBACK)


def check_stream_growth(answer):
    """Prediction: E[a^2] of an unscaled He-init pre-activation ReLU stream after 30 blocks."""
    return judge_choice(answer, GROWTH_OPTIONS, GROWTH_HINT, "C", GROWTH_FEEDBACK)


def check_block_jacobian(answer):
    """Is ``answer`` the (4, 4) Jacobian J[i, j] = d a_next[j] / d a[i] of the exercise block?"""
    shape = (BLOCK_WIDTH, BLOCK_WIDTH)
    jacobian = read_array(
        answer, "the skip contributes the identity I; for the branch s * tanh(z) with "
        "z = a @ W + b, the chain rule gives W times tanh'(z_j) in column j, and "
        "tanh'(z) = 1 - tanh(z)**2.", shape, "Jacobian",
        f"the answer should be a {BLOCK_WIDTH}x{BLOCK_WIDTH} NumPy array",
        f"the Jacobian of a block of width {BLOCK_WIDTH} has shape {shape} (row i: input a[i], "
        "column j: output a_next[j])", "every entry of this block's Jacobian is finite.")
    if isinstance(jacobian, Feedback):
        return jacobian
    a, W, b, s = exercise_block()
    z = a @ W + b
    slope = 1.0 - np.tanh(z) ** 2  # (1, 4): tanh'(z_j), one per output j
    identity = np.eye(BLOCK_WIDTH)
    expected = identity + s * W * slope
    if _close(jacobian, expected):
        return correct("J = I + s·W·diag(tanh'(z)). The I is the skip connection: whatever the "
                       "branch does, the gradient flowing back through this block keeps an "
                       "unchanged copy of itself.")
    typical = [
        (expected.T, "this is the transpose. The code multiplies row vectors (a @ W), so entry "
                     "[i, j] is d a_next[j] / d a[i]: row i belongs to input i."),
        (expected - identity, "this is dF/da, the branch alone. The skip adds a itself to the "
                              "output, which contributes the identity matrix I."),
        (identity + W * slope, f"the branch is multiplied by s = {s}; its derivative is too."),
        (identity + s * W, "the tanh'(z) factor is missing: the chain rule multiplies column j "
                           "by tanh'(z_j) = 1 - tanh(z_j)**2."),
        (identity + s * W * np.tanh(z), "you used tanh(z) where the chain rule needs its "
                                        "derivative tanh'(z) = 1 - tanh(z)**2."),
        (identity + s * slope.T * W, "tanh'(z_j) belongs to output j, so it scales column j of W, "
                                     "not row j: use W * slope with slope of shape (1, 4)."),
    ]
    for candidate, message in typical:
        if _close(jacobian, candidate):
            return wrong(message)
    # to 2 significant figures: close (1 figure, at the scale of the identity's 1, is not)
    if within_rounding(jacobian, expected, 2):
        return rounding_feedback(jacobian, expected, "the Jacobian")
    worst = np.unravel_index(np.argmax(np.abs(jacobian - expected)), shape)
    return wrong(f"not the Jacobian yet: entry {tuple(int(i) for i in worst)} is off by "
                 f"{abs(jacobian - expected)[worst]:.3g}. Compare with numerical_jacobian("
                 "lambda x: residual_block(x, W, b, s), a).")


def _gradient_growth(branch_scale, blocks):
    """(1 + chi_branch) ** blocks with chi_branch = s^2 * sigma_w2 * E[relu'(a)^2] = s^2 * 2 * 1/2."""
    return (1.0 + branch_scale**2) ** blocks


def check_branch_scale(answer, blocks=BRANCH_BLOCKS, growth=BRANCH_GROWTH):
    """Which s makes ``blocks`` He-init pre-activation ReLU blocks multiply the mean squared
    gradient by ``growth`` (symmetric stream)?"""
    value = read_number(answer, "the branch multiplies the mean squared gradient by chi_branch = "
                        "s**2 * sigma_w2 * E[relu'(a)**2]; with He's sigma_w2 = 2 and "
                        "E[relu'(a)**2] = 1/2 on a symmetric stream, one block multiplies it "
                        f"by 1 + chi_branch. Set {blocks} of those factors equal to {growth:g} "
                        "and solve for s.", "the branch scale s is a positive number",
                        positive=True)
    if isinstance(value, Feedback):
        return value
    expected = math.sqrt(growth ** (1.0 / blocks) - 1.0)
    approximation = math.sqrt(math.log(growth) / blocks)  # (1 + s^2)^L ~ e^(L s^2) for small s

    def near(target, tolerance=0.01):
        """For the typical mistakes only: a slip is recognised within 1%."""
        return abs(value - target) <= tolerance * target

    if within_rounding(value, approximation) and not within_rounding(value, expected):
        return correct(f"s ≈ sqrt(ln {growth:g} / {blocks}) = {approximation:.4f} uses "
                       f"(1 + s**2)**{blocks} ≈ e^({blocks}·s**2), right for small s; solved "
                       f"exactly, s = sqrt({growth:g}**(1/{blocks}) - 1) = {expected:.4f}. The "
                       "branch scale that keeps the growth fixed falls like 1/√L, which is why "
                       "s = 1/√L works at every depth.")
    if within_rounding(value, expected):
        return correct(f"s = sqrt({growth:g}**(1/{blocks}) - 1) = {expected:.4f}: chi_branch = s**2 "
                       f"(He's 2 times ReLU's 1/2), and (1 + s**2)**{blocks} = {growth:g}. For small "
                       f"s this is s ≈ sqrt(ln {growth:g} / {blocks}) = "
                       f"{math.sqrt(math.log(growth) / blocks):.4f}: the branch scale that keeps the "
                       "growth fixed falls like 1/√L, which is why s = 1/√L works at every depth.")
    if near(1.0 / math.sqrt(blocks)):
        return wrong(f"s = 1/√L = {1 / math.sqrt(blocks):.3g} gives (1 + 1/L)**L = "
                     f"{_gradient_growth(value, blocks):.3g} over {blocks} blocks, close to e, "
                     f"not {growth:g}. You need a somewhat smaller s.")
    if near(expected**2) or near(math.log(growth) / blocks):
        return wrong(f"{value:.3g} is s**2 = chi_branch, the growth of one block minus 1. The "
                     "branch's output is multiplied by s, so its mean square by s**2: take the "
                     "square root.")
    if near(1.0 + expected**2):
        return wrong(f"{value:.4g} is 1 + chi_branch, the factor of one block. The question asks "
                     "for the branch scale s in chi_branch = s**2.")
    if near(expected * math.sqrt(2.0)):
        return wrong("your s is √2 too large: it would be right if one block multiplied the "
                     "mean squared gradient by 1 + s**2/2. Either chi_branch lost He's sigma_w2 = 2 (it is "
                     "s**2 · 2 · 1/2 = s**2), or you let the gradient's norm grow by "
                     f"{growth:g}: the question is about the mean squared gradient, the norm's "
                     "square.")
    if near(expected / math.sqrt(2.0)):
        return wrong("your s is √2 too small: it takes chi_branch = 2·s**2, as if ReLU passed "
                     "the gradient through every unit. Its slope is 0 on the stream's negative "
                     "half, so E[relu'(a)**2] = 1/2 on a symmetric stream and chi_branch = s**2.")
    close = rounding_feedback(value, expected, "the branch scale")
    if close:
        return close
    total = _gradient_growth(value, blocks)
    direction = "too large" if total > growth else "too small"
    return wrong(f"with s = {value:.3g} one block multiplies the mean squared gradient by "
                 f"1 + s**2 = {1 + value**2:.4g}, and {blocks} blocks by {total:.3g}: s is "
                 f"{direction}. Solve (1 + s**2)**{blocks} = {growth:g} for s.")
