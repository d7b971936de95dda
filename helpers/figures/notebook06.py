"""Notebook 06: plain and residual networks side by side, layer by layer.

Both networks are the course's MLP on the two-circles problem (``helpers.data.make_circles``)
at initialization: L layers of width ``WIDTH``, LeCun's variance 1/n times the activation's
gain (for ReLU that is He's 2/n). The residual one adds identity skips to every hidden layer
but the first and the last (see :mod:`helpers.network`):

    post-activation:  a^[l] = a^[l-1] + s * g(a^[l-1] @ W^[l] + b^[l])
    pre-activation:   a^[l] = a^[l-1] + s * (g(a^[l-1]) @ W^[l] + b^[l])

with branch scale s either 1 or 1/sqrt(L). Each configuration is computed once and cached,
so moving a slider back to a setting already seen only redraws; and the axes limits move in
steps, so most frames redraw only the two lines over a stored background (blitting).
"""
import math
import numbers
from functools import lru_cache

import numpy as np

from ..math.activations import get_activation
from ..live.blitting import BlitLiveFigure
from ..models.data import accuracy, make_circles
from ..math.gradcheck import numerical_gradient
from ..math.initializers import gain
from ..math.layers import activation_forward, affine_forward, mse_loss, residual_forward
from ..models.network import MLP, make_sizes, train
from ..drawing import ComparedMagnitudesPlot
from ..live.widgets import activation_dropdown, choice_dropdown, depth_slider, new_figure
from ..math.checks import quiet_float_errors

WIDTH = 16
N_SAMPLES = 200
MIN_DEPTH, MAX_DEPTH = 20, 150
# the figure's axes limits move in these steps (see _axis_limits)
DEPTH_TIERS = (25, 50, 100, MAX_DEPTH)
DECADE_LADDER = (5, 10, 20, 40, 80, 160, 320)  # float64 ends near 1e308

# rule name -> s as a function of the depth L
BRANCH_SCALES = {
    "1 (unscaled)": lambda depth: 1.0,
    "1/√L": lambda depth: 1.0 / math.sqrt(depth),
}
# block name -> preactivation flag of the MLP
BLOCKS = {
    "pre-activation: a + s·(g(a)W + b)": True,
    "post-activation: a + s·g(z)": False,
}
NETWORKS = ("plain and residual", "plain", "residual")
PLAIN, RESIDUAL = "plain", "residual"


def branch_scale_for(rule, depth):
    """The branch scale s that ``rule`` (a key of BRANCH_SCALES) gives at depth L."""
    if rule not in BRANCH_SCALES:
        raise ValueError(f"unknown branch scale rule {rule!r}; choose one of: {', '.join(BRANCH_SCALES)}")
    return BRANCH_SCALES[rule](depth)


@lru_cache(maxsize=4)
def circles(n_samples=N_SAMPLES, seed=0):
    """The two-circles data every network of this notebook sees: X (N, 2), y (N, 1) in {-1, +1}."""
    return make_circles(n_samples, seed=seed)


def build_network(depth, residual, activation="relu", branch_scale=1.0, preactivation=True,
                  width=WIDTH, seed=0):
    """A fresh MLP [2, width, ..., width, 1] of ``depth`` layers, LeCun init times gain(activation)."""
    if isinstance(depth, bool) or not isinstance(depth, numbers.Integral) or depth < 3:
        raise ValueError(f"depth must be an integer >= 3 (a residual block needs a hidden layer "
                         f"on each side), got {depth!r}")
    return MLP(make_sizes(int(depth), width, n_in=2, n_out=1), activation=activation, init="lecun",
               weight_scale=gain(activation), residual=residual, branch_scale=branch_scale,
               preactivation=preactivation, seed=seed)


@lru_cache(maxsize=512)
def gradient_norms(depth, residual, activation="relu", branch_scale=1.0, preactivation=True,
                   width=WIDTH, seed=0):
    """||dL/dW^[l]|| (Frobenius) for l = 1..L, shape (L,): at initialization, MSE loss on the circles."""
    net = build_network(depth, residual, activation, branch_scale, preactivation, width, seed)
    X, y = circles()
    _, dout = mse_loss(net.forward(X), y)
    grads = net.backward(dout)
    with quiet_float_errors():
        norms = np.array([np.linalg.norm(dW) for dW in grads["weights"]])
    norms.flags.writeable = False  # shared by the cache
    return norms


def train_on_circles(net, steps=200, lr=0.05):
    """Full-batch gradient descent on the circles (MSE): returns (TrainingHistory, accuracy)."""
    X, y = circles()
    history = train(net, X, y, steps=steps, lr=lr)
    return history, accuracy(net.forward(X), y)


def stream_second_moments(blocks, branch_scale=1.0, preactivation=True, activation="relu",
                          width=256, n_samples=128, seed=0):
    """E[a^2] of the residual stream after each of ``blocks`` blocks: (blocks + 1,), entry 0 is a^[1].

    A wide network (He-style init, LeCun times gain) fed Gaussian inputs X (n_samples, width),
    so the averages are close to their expectations.
    """
    net = MLP(make_sizes(blocks + 2, width), activation=activation, init="lecun",
              weight_scale=gain(activation), residual=True, branch_scale=branch_scale,
              preactivation=preactivation, seed=seed)
    X = np.random.default_rng(seed + 1).normal(size=(n_samples, width))
    net.forward(X)
    with quiet_float_errors():
        return np.array([np.mean(a * a) for a in net.activations[1:-1]])


def residual_block(a, W, b, branch_scale=1.0, activation="tanh"):
    """One post-activation block, a + s * g(a @ W + b), from the layers' forward functions.

    a: (N, n), W: (n, n), b: (n,) -> (N, n).
    """
    z, _ = affine_forward(a, W, b)
    branch, _ = activation_forward(z, activation)
    out, _ = residual_forward(a, branch, branch_scale)
    return out


def numerical_jacobian(f, a):
    """J[i, j] = d f(a)[0, j] / d a[0, i] by central differences, for one example a: (1, n).

    Row i says how every output moves when input i moves (the convention of ``a @ W``).
    """
    a = np.array(a, dtype=float)
    n_out = f(a).shape[1]
    columns = []
    for j in range(n_out):
        pick = np.zeros((1, n_out))
        pick[0, j] = 1.0  # the gradient of output j alone
        columns.append(numerical_gradient(lambda: f(a), a, pick)[0])
    return np.column_stack(columns)


def _ratio_text(values):
    first, last = values[0], values[-1]
    if not (np.isfinite(first) and np.isfinite(last)) or last == 0:
        return "not finite"
    return f"{first / last:.1e}"


def _axis_limits(depth, low, high):
    """Axes limits that change only in steps, so most frames reuse a drawn background and
    only the two lines are drawn anew: x in depth tiers, y from a ladder of decades."""
    right = next(tier for tier in DEPTH_TIERS if tier >= depth)
    room = 2 + 0.2 * (high - low)  # above the lines, for the note and the legend
    bottom = -next(step for step in DECADE_LADDER if step >= -low + 1)
    top = next(step for step in DECADE_LADDER if step >= high + room)
    return (0.5, right + 0.5), (float(bottom), float(top))


def plain_vs_residual(depth=100, network="plain and residual", activation="relu",
                      scale_rule="1/√L", block="pre-activation: a + s·(g(a)W + b)"):
    """Sliders for depth, network, activation, branch scale and block; ||dL/dW^[l]|| per layer
    at initialization, plain and residual overlaid on a decades axis."""
    fig, ax = new_figure(7.0, 3.6)
    plot = ComparedMagnitudesPlot(ax, (PLAIN, RESIDUAL), "‖∂L/∂W^[l]‖",
                                  colors=("tab:orange", "tab:blue"))

    def update(depth, network, activation, scale_rule, block):
        s = branch_scale_for(scale_rule, depth)
        norms = {
            PLAIN: gradient_norms(depth, False, activation) if network != RESIDUAL else None,
            RESIDUAL: gradient_norms(depth, True, activation, s, BLOCKS[block])
            if network != PLAIN else None,
        }
        low, high = plot.update(np.arange(1, depth + 1), norms,
                                note=f"L = {depth}, s = {s:.3g}", autoscale=False)
        xlim, ylim = _axis_limits(depth, low, high)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ratios = [f"{name}: ‖∂L/∂W^[1]‖ / ‖∂L/∂W^[L]‖ = {_ratio_text(values)}"
                  for name, values in norms.items() if values is not None]
        return "; ".join(ratios)

    controls = {
        "depth": depth_slider(depth, min=MIN_DEPTH, max=MAX_DEPTH, step=5),
        "network": choice_dropdown(NETWORKS, network, "network"),
        "activation": activation_dropdown(get_activation(activation).name,
                                          options=("relu", "tanh", "sigmoid", "leaky_relu")),
        "scale_rule": choice_dropdown(BRANCH_SCALES, scale_rule, "branch scale s"),
        "block": choice_dropdown(BLOCKS, block, "block"),
    }
    return BlitLiveFigure(fig, update, controls, list(plot.lines.values()) + [plot.note],
                          columns=3, keyed_by_limits=True)


BENCH_MOVES = [{"depth": d} for d in range(20, 155, 10)] + [
    {"scale_rule": "1 (unscaled)"}, {"activation": "sigmoid"}, {"activation": "tanh"},
    {"block": "post-activation: a + s·g(z)"}, {"network": "plain"}, {"scale_rule": "1/√L"},
    {"depth": 150}, {"depth": 20}]
