"""The singular values of a deep network's input-output Jacobian (dynamical isometry).

For a network a^[l] = phi(a^[l-1] @ W^[l] + b^[l]) the Jacobian of the output with respect
to the input is, in the course's row convention (x @ W),

    J_L = d a^[L] / d x = W^[1] D^[1] W^[2] D^[2] ... W^[L] D^[L],    D^[l] = diag(phi'(h^[l]))

Every gradient that reaches the input is multiplied by J_L^T. Its singular values s say by
how much each direction is stretched: all of them near 1 ("dynamical isometry", Saxe et
al. 2014; Pennington et al. 2017) means nothing vanishes or explodes in any direction.

Weights have variance sigma_w2 / n: "gaussian" draws N(0, sigma_w2 / n) entries,
"orthogonal" is sqrt(sigma_w2) times a random orthogonal matrix. Biases are N(0, sigma_b2).
For a tanh network the input is drawn with per-unit variance q* (see
:mod:`helpers.theory.meanfield`), so every layer already sits at the fixed point.
"""
import numpy as np

from ..math.activations import get_activation
from ..math.checks import choice, quiet_float_errors, whole_number
from ..math.initializers import drawn_once, initialize
from ..math.stack import Layer, stack_forward
from ..math.statistics import percent_histogram
from .meanfield import check_variances, fixed_point_variance

# the kind of weights -> the initializer that draws them at sigma_w2 = 1 (variance 1 / width)
WEIGHT_KINDS = {"gaussian": "lecun", "orthogonal": "orthogonal"}
JACOBIAN_ACTIVATIONS = ("linear", "tanh")


@drawn_once(maxsize=8)
def unit_draws(kind, width, depth, seed):
    """x ~ N(0, 1) of shape (width,), then per layer (W at sigma_w2 = 1, b ~ N(0, 1)).

    Drawn once (a QR per orthogonal layer is the slow part): every (sigma_w2, sigma_b2)
    reuses the same draws, rescaled. Read-only arrays.
    """
    init = WEIGHT_KINDS[choice("kind", kind, WEIGHT_KINDS)]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(size=width)
    layers = [(initialize(init, (width, width), rng), rng.standard_normal(size=width))
              for _ in range(depth)]
    return x, layers


def singular_values(matrix):
    """Singular values of a square matrix, largest first, as sqrt(eigenvalues of M^T M).

    About 3x quicker than an SVD; values below ~1e-8 times the largest lose their relative
    accuracy (they are all "practically 0" for this course's plots).
    """
    eigenvalues = np.linalg.eigvalsh(matrix.T @ matrix)[::-1]
    return np.sqrt(np.clip(eigenvalues, 0.0, None))


def jacobian_singular_values(depths, width, kind="gaussian", activation="linear",
                             sigma_w2=1.0, sigma_b2=0.0, seed=0):
    """Singular values of J_L for every L in ``depths``; one network, grown layer by layer.

    depths: increasing positive integers (e.g. ``range(1, 101)``); width: n.
    Returns a float array (len(depths), width), each row sorted from largest to smallest.
    The network for depth L is the first L layers of the one for the largest depth, so the
    rows show one network getting deeper. The same ``seed`` gives the same draws for every
    (sigma_w2, sigma_b2), only rescaled.
    """
    depths = [whole_number("every depth", d) for d in np.atleast_1d(depths).tolist()]
    if not depths or any(b <= a for a, b in zip(depths, depths[1:])):
        raise ValueError(f"depths must be a non-empty increasing list of depths, got {depths!r}")
    width = whole_number("width", width)
    choice("kind", kind, WEIGHT_KINDS)
    choice("activation", activation, JACOBIAN_ACTIVATIONS)
    sigma_w2, sigma_b2 = (float(v) for v in check_variances(sigma_w2, sigma_b2))
    act = get_activation(activation)
    sigma_w, sigma_b = np.sqrt(sigma_w2), np.sqrt(sigma_b2)
    x, unit_layers = unit_draws(kind, width, depths[-1], seed)
    q_star = float(fixed_point_variance(sigma_w2, sigma_b2)) if activation == "tanh" else 1.0
    a = act.f(np.sqrt(q_star) * x)  # the input sits at the fixed point: h^[0] has variance q*
    layers = (Layer(sigma_w * W, sigma_b * b, activation) for W, b in unit_layers)
    jacobian = np.eye(width)
    result = np.empty((len(depths), width))
    wanted = dict(zip(depths, range(len(depths))))
    # one example, a (width,) row: the core's products work on it as on a batch
    for layer, (_, cache) in enumerate(stack_forward(a, layers), start=1):
        # d a^[l] / d x = (d a^[l-1] / d x) W diag(phi'(h)): scale the columns
        jacobian = (jacobian @ cache.affine.W) * cache.slope
        if layer in wanted:
            result[wanted[layer]] = singular_values(jacobian)
    return result


def squared_singular_value_moments(singular_values):
    """Mean and variance of s^2 for each row of ``singular_values``: two arrays (rows,)."""
    squared = np.asarray(singular_values, dtype=float) ** 2
    return squared.mean(axis=-1), squared.var(axis=-1)


def log10_histogram(singular_values, log10_edges):
    """The fraction of the singular values in each bin of log10(s); those below the first
    edge (even s = 0) count in the first bin, those above the last in the last."""
    with quiet_float_errors():
        logs = np.log10(singular_values)
    return percent_histogram(logs, log10_edges) / 100.0
