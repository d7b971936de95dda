"""The two optimizers of the course, written out: plain gradient descent (SGD) and Adam.

Both work on named arrays: ``grads`` is a dict {name: dL/dp}. ``optimizer.step(grads)`` returns
the change Δp of every parameter, {name: Δp}, without applying it, so a training loop can
measure the update itself (the update-to-data ratio ||Δp|| / ||p|| of notebook 08) before
adding it; ``optimizer.update(params, grads)`` does both for a dict of parameters.

    SGD:   Δp = -lr g
    Adam:  m <- beta1 m + (1 - beta1) g,   v <- beta2 v + (1 - beta2) g^2
           Δp = -lr m_hat / (sqrt(v_hat) + eps),  m_hat = m / (1 - beta1^t), v_hat = v / (1 - beta2^t)

Adam (Kingma & Ba 2015) divides each entry's step by a running RMS of its own gradient, so
every parameter moves by about ``lr`` per step whatever the size of its gradient — unless the
gradient is far below ``eps``, or exactly 0.
"""
import numpy as np

from ..math.checks import choice, positive_number

OPTIMIZER_NAMES = ("adam", "sgd")


class SGD:
    """Plain (stochastic) gradient descent: Δp = -lr g."""

    def __init__(self, lr=0.1):
        self.lr = positive_number("lr", lr)

    def step(self, grads):
        """{name: Δp} for the gradients {name: g}."""
        return {name: -self.lr * grad for name, grad in grads.items()}

    def update(self, params, grads):
        """Add the step to ``params`` (a dict of arrays; each entry is replaced by a new array)
        and return the step."""
        changes = self.step(grads)
        for name, change in changes.items():
            params[name] = params[name] + change
        return changes

    def __repr__(self):
        return f"SGD(lr={self.lr:g})"


class Adam(SGD):
    """Adam: per-parameter steps of about ``lr``, scaled by a running RMS of the gradient.

    The moments m and v start at 0 and are kept per name; ``steps`` counts the updates so far
    (t in the bias corrections).
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        for name, value in (("beta1", beta1), ("beta2", beta2)):
            if not 0 <= positive_number(name, value, or_zero=True) < 1:
                raise ValueError(f"{name} must be a number from 0 to below 1, got {value!r}")
        self.beta1, self.beta2 = float(beta1), float(beta2)
        self.eps = positive_number("eps", eps)  # > 0: a gradient of exactly 0 gives a step of 0
        self.m, self.v = {}, {}
        self.steps = 0

    def step(self, grads):
        self.steps += 1
        correction1 = 1.0 - self.beta1 ** self.steps
        correction2 = 1.0 - self.beta2 ** self.steps
        changes = {}
        for name, grad in grads.items():
            m = self.beta1 * self.m.get(name, 0.0) + (1.0 - self.beta1) * grad
            v = self.beta2 * self.v.get(name, 0.0) + (1.0 - self.beta2) * grad * grad
            self.m[name], self.v[name] = m, v
            m_hat, v_hat = m / correction1, v / correction2
            changes[name] = -self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return changes

    def __repr__(self):
        return f"Adam(lr={self.lr:g})"


def make_optimizer(name, lr):
    """An optimizer by name: "sgd" or "adam", with learning rate ``lr``."""
    choice("optimizer", name, OPTIMIZER_NAMES)
    return SGD(lr) if name == "sgd" else Adam(lr)
