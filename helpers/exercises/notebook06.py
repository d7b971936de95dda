"""Exercises of notebook 06 (residual connections)."""
import math

import numpy as np

from . import as_number, correct, is_placeholder, not_attempted, wrong

BLOCK_WIDTH = 4
BLOCK_SEED = 6
BLOCK_BRANCH_SCALE = 0.5
VARIANCE_BLOCKS = 10


def exercise_block():
    """The block of exercise 1, a_next = a + s * tanh(a @ W + b): returns a (1, 4), W (4, 4), b (4,), s."""
    rng = np.random.default_rng(BLOCK_SEED)
    a = rng.normal(size=(1, BLOCK_WIDTH))
    W = rng.normal(scale=1 / math.sqrt(BLOCK_WIDTH), size=(BLOCK_WIDTH, BLOCK_WIDTH))
    b = rng.normal(scale=0.1, size=BLOCK_WIDTH)
    return a, W, b, BLOCK_BRANCH_SCALE


def _close(answer, target):
    return np.allclose(answer, target, rtol=1e-6, atol=1e-8)


def check_block_jacobian(answer):
    """Is ``answer`` the (4, 4) Jacobian J[i, j] = d a_next[j] / d a[i] of the exercise block?"""
    if is_placeholder(answer):
        return not_attempted("the skip contributes the identity I; for the branch s * tanh(z) "
                             "with z = a @ W + b, the chain rule gives W times tanh'(z_j) in "
                             "column j, and tanh'(z) = 1 - tanh(z)**2.")
    try:
        jacobian = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return wrong(f"the answer should be a {BLOCK_WIDTH}x{BLOCK_WIDTH} NumPy array, got {answer!r}.")
    shape = (BLOCK_WIDTH, BLOCK_WIDTH)
    if jacobian.shape != shape:
        return wrong(f"the Jacobian of a block of width {BLOCK_WIDTH} has shape {shape} "
                     f"(row i: input a[i], column j: output a_next[j]); yours has shape "
                     f"{jacobian.shape}.")
    if not np.all(np.isfinite(jacobian)):
        return wrong("your Jacobian contains NaN or inf; every entry of this block's Jacobian is finite.")
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
    worst = np.unravel_index(np.argmax(np.abs(jacobian - expected)), shape)
    return wrong(f"not the Jacobian yet: entry {tuple(int(i) for i in worst)} is off by "
                 f"{abs(jacobian - expected)[worst]:.3g}. Compare with numerical_jacobian("
                 "lambda x: residual_block(x, W, b, s), a).")


def check_variance_growth(answer, blocks=VARIANCE_BLOCKS):
    """By what factor does E[a^2] grow over ``blocks`` unscaled pre-activation ReLU blocks?"""
    if is_placeholder(answer):
        return not_attempted("with He init the branch F = relu(a) @ W has E[F^2] = E[a^2] when a "
                             "is symmetric, and F is uncorrelated with a; what does one block do "
                             "to E[a^2], and what do ten in a row do?")
    value = as_number(answer)
    if value is None or value <= 0:
        return wrong(f"the answer is a growth factor, a positive number; got {answer!r}.")
    expected = 2.0**blocks

    def near(target):
        return abs(value - target) <= 0.01 * target

    if near(expected):
        return correct(f"each block adds a branch as big as the stream, so E[a^2] doubles: "
                       f"2**{blocks} = {expected:.0f}. At 100 blocks that is 2**100 ≈ "
                       f"{2.0**100:.2g} — which is why deep residual networks scale or "
                       "normalise their branches.")
    if near(1 + blocks):
        return wrong(f"1 + {blocks} would be right if every block added the *input's* "
                     "variance. But each branch reads the current stream, which has already "
                     "grown, so the growth multiplies from block to block.")
    if near(2 * blocks):
        return wrong(f"2·{blocks} adds the growth up; each block *multiplies* E[a^2] by a "
                     "factor, so the factors multiply.")
    if near(2.0 ** (blocks / 2)):
        return wrong(f"2**({blocks}/2) is how the RMS (the square root of E[a^2]) grows, "
                     "√2 per block; the question asks for E[a^2] itself.")
    if near(3.0**blocks):
        return wrong("3 per block would mean E[F^2] = 2·E[a^2]: He's 2/n doubles, but ReLU "
                     "keeps only half of a symmetric signal's second moment, "
                     "E[relu(a)^2] = E[a^2]/2, so E[F^2] = E[a^2].")
    if near(math.e):
        return wrong("about e is the growth with branch scale s = 1/√L, (1 + 1/L)**L; these "
                     "blocks are unscaled (s = 1).")
    return wrong(f"one block multiplies E[a^2] by 1 + E[F^2]/E[a^2]; with E[F^2] = E[a^2] "
                 f"that factor is 2. Now apply it {blocks} times.")
