"""The deep multilayer perceptron of the course: build, forward, backward, statistics, train.

Layer l (1-based, l = 1..L) computes

    z^[l] = a^[l-1] @ W^[l] + b^[l]
    a^[l] = g(z^[l])                      (the output layer l = L stays linear: a^[L] = z^[L])
    a^[l] = a^[l-1] + branch_scale * g(z^[l])    for residual hidden layers

and, with ``preactivation=True``, residual hidden layers apply g *before* the affine map
(the ordering of He et al. 2016), so the branch ends in an affine map with zero-mean output:

    a^[l] = a^[l-1] + branch_scale * (g(a^[l-1]) @ W^[l] + b^[l])

with a^[0] = X. In code the lists are 0-based: ``weights[0]`` is W^[1].

With ``normalization="batch"`` every hidden layer normalizes what g is applied to over the
batch (Ioffe & Szegedy 2015), then scales and shifts it by its own gamma^[l] and beta^[l]:

    a^[l] = g(BN(z^[l]))      BN(z) = gamma * (z - mean) / sqrt(var + eps) + beta

with the batch's mean and var while training, and running averages of them at test time
(``forward(X, training=False)``). A bias b^[l] before batch norm is subtracted out with the
mean: its gradient is exactly 0, and beta^[l] takes its place.

Every layer runs through the course's one forward/backward core, :mod:`helpers.math.stack`.
Its statistics are :mod:`helpers.models.diagnostics`; training it is :mod:`helpers.models.training`.
"""
import numpy as np

from ..math.activations import get_activation
from ..math.checks import as_rng, choice, positive_number, quiet_float_errors, whole_number
from ..math.initializers import initialize
from ..math.layers import batchnorm_eval_forward, batchnorm_forward
from ..math.stack import Layer, stack_backward, stack_forward
from .diagnostics import layer_stats

MLP_NORMALIZATIONS = ("none", "batch")
# running averages for test time: running <- (1 - BN_MOMENTUM) * running + BN_MOMENTUM * batch
# (PyTorch's default momentum, 0.1)
BN_MOMENTUM = 0.1


def make_sizes(depth, width, n_in=None, n_out=None):
    """Layer widths for ``depth`` layers: [n_in, width, ..., width, n_out] (n_in/n_out default width)."""
    whole_number("depth", depth)
    whole_number("width", width)
    n_in = width if n_in is None else n_in
    n_out = width if n_out is None else n_out
    return [n_in] + [width] * (depth - 1) + [n_out]


def _check_sizes(sizes):
    """The layer widths as a list of ints: the input width and at least one layer."""
    try:
        widths = list(sizes)
    except TypeError:
        widths = []
    if len(widths) < 2:
        raise ValueError(f"sizes must be a list of two or more layer widths, like [4, 64, 64, 1], "
                         f"got {sizes!r}")
    return [whole_number("every layer width in sizes", width) for width in widths]


class MLP:
    """A deep fully connected network, written out so every step can be read.

    >>> net = MLP(sizes=[4, 64, 64, 1], activation="tanh", init="xavier", seed=0)
    >>> out = net.forward(np.ones((8, 4)))            # (8, 1)
    >>> grads = net.backward(np.ones_like(out))       # {"weights": [...], "biases": [...], ...}

    ``normalization="batch"`` puts batch norm before g in every hidden layer (gammas start
    at 1, betas at 0; ``gammas[l]`` is None in the output layer).
    """

    def __init__(
        self,
        sizes,
        activation="tanh",
        init="xavier",
        weight_scale=1.0,
        residual=False,
        seed=0,
        branch_scale=1.0,
        preactivation=False,
        normalization="none",
    ):
        self._set_structure(sizes, activation, residual, branch_scale, preactivation,
                            normalization)
        self.init = init
        self.weight_scale = positive_number("weight_scale", weight_scale)
        rng = as_rng(seed)
        shapes = list(zip(self.sizes[:-1], self.sizes[1:]))
        self.weights = [self.weight_scale * initialize(init, shape, rng) for shape in shapes]
        self.biases = [np.zeros(n_out) for _, n_out in shapes]

    def _set_structure(self, sizes, activation, residual, branch_scale, preactivation,
                       normalization="none"):
        """Everything but the weights and biases: widths, activation, skips, batch norm's
        gamma, beta (1 and 0) and running statistics, and no pass run yet."""
        self.sizes = _check_sizes(sizes)
        self.activation = get_activation(activation).name
        self.branch_scale = positive_number("branch_scale", branch_scale) if residual else 1.0
        shapes = list(zip(self.sizes[:-1], self.sizes[1:]))
        depth = len(shapes)
        # skips join equal-width *hidden* layers: never the first (input) or the last (output)
        self.residual = [
            bool(residual) and 0 < l < depth - 1 and n_in == n_out
            for l, (n_in, n_out) in enumerate(shapes)
        ]
        # pre-activation order (g, then affine) only in the residual layers
        self.preactivation = bool(preactivation) and any(self.residual)
        self.normalization = choice("normalization", normalization, MLP_NORMALIZATIONS)
        # batch norm sits right before g: on z^[l] (n_out units), or on a^[l-1] (n_in units)
        # in a pre-activation block; never in the linear output layer
        norm_widths = [(n_in if self.residual[l] and self.preactivation else n_out)
                       if normalization == "batch" and l < depth - 1 else None
                       for l, (n_in, n_out) in enumerate(shapes)]
        self.gammas = [None if n is None else np.ones(n) for n in norm_widths]
        self.betas = [None if n is None else np.zeros(n) for n in norm_widths]
        self.running_means = [None if n is None else np.zeros(n) for n in norm_widths]
        self.running_vars = [None if n is None else np.ones(n) for n in norm_widths]
        self.caches = None  # one helpers.math.stack.LayerCache per layer, from the last forward
        self.activations = None  # a^[0..L] from the last forward pass
        self.pre_activations = None  # z^[1..L]
        self.grads = None
        self.first_nonfinite_layer = None

    @classmethod
    def from_weights(cls, weights, activation="tanh", biases=None):
        """A network with the given weight matrices (and zero biases unless given), no init.

        Handy for fixed examples like W^[l] = 1.5·I, or to rescale another network's weights.
        """
        weights = [np.asarray(W, dtype=float) for W in weights]
        if not weights or any(W.ndim != 2 for W in weights):
            raise ValueError("weights must be a non-empty list of 2-D arrays (D_in, D_out)")
        for l in range(1, len(weights)):
            if weights[l].shape[0] != weights[l - 1].shape[1]:
                raise ValueError(
                    f"weights[{l}] has {weights[l].shape[0]} rows but weights[{l - 1}] has "
                    f"{weights[l - 1].shape[1]} columns; consecutive shapes must chain")
        sizes = [weights[0].shape[0]] + [W.shape[1] for W in weights]
        # no init: drawing weights only to replace them cost ~5 ms per slider frame at depth 2000
        net = cls.__new__(cls)
        net._set_structure(sizes, activation, residual=False, branch_scale=1.0,
                           preactivation=False)
        net.init, net.weight_scale = None, float("nan")  # not made by a scheme
        net.weights = weights
        if biases is None:
            net.biases = [np.zeros(n_out) for n_out in sizes[1:]]
        else:
            net.biases = [np.asarray(b, dtype=float) for b in biases]
            if [b.shape for b in net.biases] != [(n,) for n in sizes[1:]]:
                raise ValueError(f"biases must have shapes {[(n,) for n in sizes[1:]]}")
        return net

    @property
    def depth(self):
        """L, the number of weight layers."""
        return len(self.weights)

    def _layer_activation(self, l):
        return "linear" if l == self.depth - 1 else self.activation

    def _check_input(self, X):
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X must have shape (N, {self.sizes[0]}) for this network, got {X.shape}"
            )
        if not np.all(np.isfinite(X)):
            raise ValueError("X must be finite, got NaN or inf in it")
        return X

    def forward(self, X, training=True):
        """X: (N, sizes[0]) -> output (N, sizes[-1]); keeps what backward needs.

        Values that overflow to inf/NaN at depth are kept (that is the lesson); the first
        layer where it happened is stored in ``first_nonfinite_layer`` (1-based).
        ``training`` matters only with batch norm: True normalizes with the batch's own
        statistics and updates the running averages; False uses the running averages
        (test time: each example on its own) and leaves them unchanged.
        """
        a = self._check_input(X)
        self.caches = []
        self.activations = [a]
        self.pre_activations = []
        self.first_nonfinite_layer = None
        self.grads = None
        with quiet_float_errors():
            for l, (a, cache) in enumerate(stack_forward(a, self.layers(training))):
                self.caches.append(cache)
                self.pre_activations.append(cache.z)
                self.activations.append(a)
                if self.first_nonfinite_layer is None and not np.all(np.isfinite(a)):
                    self.first_nonfinite_layer = l + 1
        return a

    def layers(self, training=True):
        """The network's layers for :func:`helpers.math.stack.stack_forward`, input side first."""
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            normalize = None
            if self.gammas[l] is not None:
                normalize = (lambda x, l=l: self._normalize(l, x, training))
            yield Layer(W, b, self._layer_activation(l), self.residual[l] and self.preactivation,
                        self.branch_scale if self.residual[l] else None, normalize)

    def _normalize(self, l, x, training):
        """Batch norm of layer l (0-based) on x, or x itself where there is none."""
        if self.gammas[l] is None:
            return x, None
        if not training:
            return batchnorm_eval_forward(x, self.gammas[l], self.betas[l],
                                          self.running_means[l], self.running_vars[l])
        self.running_means[l] = ((1 - BN_MOMENTUM) * self.running_means[l]
                                 + BN_MOMENTUM * x.mean(axis=0))
        self.running_vars[l] = (1 - BN_MOMENTUM) * self.running_vars[l] + BN_MOMENTUM * x.var(axis=0)
        return batchnorm_forward(x, self.gammas[l], self.betas[l])

    def backward(self, dout):
        """dout = dL/d(output): (N, sizes[-1]). Returns and stores in ``self.grads`` a dict:

        "weights": [dL/dW^[l]], "biases": [dL/db^[l]], both in layer order,
        "gammas", "betas": batch norm's [dL/dgamma^[l]], [dL/dbeta^[l]] (None where there is
        none), and "activations": [dL/da^[l] for l = 0..L] (index 0 is the gradient on X).
        """
        if self.caches is None:
            raise ValueError("call forward(X) before backward(dout)")
        dout = np.asarray(dout, dtype=float)
        expected = self.activations[-1].shape
        if dout.shape != expected:
            raise ValueError(f"dout must have the output's shape {expected}, got {dout.shape}")
        with quiet_float_errors():
            layer_grads = stack_backward(dout, self.caches)
        self.grads = {"weights": [g.dW for g in layer_grads],
                      "biases": [g.db for g in layer_grads],
                      "gammas": [g.dgamma for g in layer_grads],
                      "betas": [g.dbeta for g in layer_grads],
                      "activations": [g.dx for g in layer_grads] + [dout]}
        return self.grads

    # parameters by name, in the order weights, biases, gammas, betas (the order in which
    # gradient clipping adds up the squares, so clipped runs round the same way every time)
    _PARAMETER_LISTS = (("W", "weights"), ("b", "biases"), ("gamma", "gammas"),
                        ("beta", "betas"))

    def parameters(self):
        """Every trainable array by name: "W1", "W2", ..., "b1", ..., and "gamma1", "beta1",
        ... where batch norm is (1-based, like W^[1])."""
        return {f"{prefix}{l + 1}": value
                for prefix, attribute in self._PARAMETER_LISTS
                for l, value in enumerate(getattr(self, attribute)) if value is not None}

    def gradients(self):
        """The gradients of the last backward pass, named as in :meth:`parameters`."""
        if self.grads is None:
            raise ValueError("call forward(X) and backward(dout) before gradients()")
        return {f"{prefix}{l + 1}": value
                for prefix, attribute in self._PARAMETER_LISTS
                for l, value in enumerate(self.grads[attribute]) if value is not None}

    def apply_changes(self, changes):
        """Add {name: change} to the named parameters (each becomes a new array)."""
        lists = {prefix: getattr(self, attribute) for prefix, attribute in self._PARAMETER_LISTS}
        for name, change in changes.items():
            prefix = name.rstrip("0123456789")
            number = name[len(prefix):]
            if prefix not in lists or not number or not 1 <= int(number) <= self.depth \
                    or lists[prefix][int(number) - 1] is None:
                raise ValueError(f"this network has no parameter named {name!r}")
            lists[prefix][int(number) - 1] = lists[prefix][int(number) - 1] + change

    def layer_stats(self):
        """Per-layer statistics of the last pass: :func:`helpers.models.diagnostics.layer_stats`."""
        return layer_stats(self)
