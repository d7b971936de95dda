"""Recurrent layers: the vanilla (tanh) RNN and the LSTM, one step and whole sequences.

An RNN applies the *same* weights at every time step, so unrolled over T steps it is a
T-layer deep network whose layers all share Wx, Wh and b. Backpropagation through time
multiplies the gradient by Wh^T (and a derivative) once per step, exactly like the deep
networks of notebooks 01-02.

    vanilla RNN   h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b)

    LSTM          a_t = x_t @ Wx + h_{t-1} @ Wh + b      (N, 4H), split into four blocks
                  i = sigmoid(a_i)   input gate           f = sigmoid(a_f)   forget gate
                  o = sigmoid(a_o)   output gate          g = tanh(a_g)      candidate
                  c_t = f * c_{t-1} + i * g               (additive: dc_{t-1} = f * dc_t)
                  h_t = o * tanh(c_t)

Read :func:`rnn_step_forward` and :func:`lstm_step_forward` (and their backward passes)
first: one step each, in the CS231n style, they are the reference. :func:`rnn_forward` and
:func:`lstm_forward` run the same recurrences over a whole sequence, written for speed (the
tests check that they equal stepping the reference).

Shapes (batch-first, the CS231n convention): x (N, T, D) holds N sequences of T steps with
D features; h0 (N, H) is the state before the first step. The math counts steps t = 1..T,
the arrays hold them in columns 0..T-1 (``h[:, t - 1]`` is h_t), and h_0 is ``h0``.
Every ``*_backward`` takes the upstream gradient (``dh`` (N, T, H) on every h_t for a whole
sequence), never modifies it or the cache, and returns the gradients of all inputs.
"""
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..math.activations import get_activation
from ..math.checks import (
    choice,
    finite_array,
    finite_number,
    positive_number,
    quiet_float_errors,
    whole_number,
)
from ..math.initializers import initialize, variance_scaling
from ..math.statistics import scale_safe

CELLS = ("rnn", "lstm")
sigmoid = get_activation("sigmoid").f


# ----- one step: the reference to read -------------------------------------------------------

class RNNStepCache(NamedTuple):
    x: np.ndarray
    prev_h: np.ndarray
    Wx: np.ndarray
    Wh: np.ndarray
    next_h: np.ndarray


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    """next_h = tanh(x @ Wx + prev_h @ Wh + b).

    x (N, D), prev_h (N, H), Wx (D, H), Wh (H, H), b (H,) -> next_h (N, H), cache.
    """
    next_h = np.tanh(x @ Wx + prev_h @ Wh + b)
    return next_h, RNNStepCache(x, prev_h, Wx, Wh, next_h)


def rnn_step_backward(dnext_h, cache):
    """dnext_h (N, H) -> dx (N, D), dprev_h (N, H), dWx (D, H), dWh (H, H), db (H,)."""
    dz = dnext_h * (1.0 - cache.next_h**2)  # tanh'(z) = 1 - tanh(z)^2
    return (dz @ cache.Wx.T, dz @ cache.Wh.T, cache.x.T @ dz, cache.prev_h.T @ dz,
            dz.sum(axis=0))


class LSTMStepCache(NamedTuple):
    x: np.ndarray
    prev_h: np.ndarray
    prev_c: np.ndarray
    Wx: np.ndarray
    Wh: np.ndarray
    i: np.ndarray
    f: np.ndarray
    o: np.ndarray
    g: np.ndarray
    next_c: np.ndarray


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """One LSTM step, the gates in the order i, f, o, g.

    x (N, D), prev_h (N, H), prev_c (N, H), Wx (D, 4H), Wh (H, 4H), b (4H,)
    -> next_h (N, H), next_c (N, H), cache.
    """
    H = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b  # (N, 4H): what each of the four gates reads
    i = sigmoid(a[:, :H])  # input gate: how much of the candidate to write
    f = sigmoid(a[:, H:2 * H])  # forget gate: how much of the cell state to keep
    o = sigmoid(a[:, 2 * H:3 * H])  # output gate: how much of the cell state to show
    g = np.tanh(a[:, 3 * H:])  # the candidate values
    next_c = f * prev_c + i * g
    next_h = o * np.tanh(next_c)
    return next_h, next_c, LSTMStepCache(x, prev_h, prev_c, Wx, Wh, i, f, o, g, next_c)


def lstm_step_backward(dnext_h, dnext_c, cache):
    """dnext_h, dnext_c (N, H), the gradients on next_h and next_c
    -> dx (N, D), dprev_h (N, H), dprev_c (N, H), dWx (D, 4H), dWh (H, 4H), db (4H,)."""
    i, f, o, g = cache.i, cache.f, cache.o, cache.g
    tanh_c = np.tanh(cache.next_c)
    # next_c reaches the loss directly and through next_h = o * tanh(next_c)
    dc = dnext_c + dnext_h * o * (1.0 - tanh_c**2)
    dprev_c = dc * f  # the additive path: only the forget gate multiplies
    # back through the gates' nonlinearities: sigmoid' = s (1 - s), tanh' = 1 - tanh^2
    da = np.concatenate([dc * g * i * (1.0 - i),
                         dc * cache.prev_c * f * (1.0 - f),
                         dnext_h * tanh_c * o * (1.0 - o),
                         dc * i * (1.0 - g**2)], axis=1)
    return (da @ cache.Wx.T, da @ cache.Wh.T, dprev_c, cache.x.T @ da, cache.prev_h.T @ da,
            da.sum(axis=0))


# ----- whole sequences: the same recurrences, written for speed ------------------------------

def _check_inputs(x, h0, Wx, Wh, b, blocks):
    """Check shapes and finiteness; ``blocks`` is 1 for the RNN, 4 for the LSTM."""
    x = finite_array("x", x, 3, "(N, T, D)")
    h0 = finite_array("h0", h0, 2, "(N, H)")
    N, _, D = x.shape
    H = h0.shape[1]
    if h0.shape[0] != N:
        raise ValueError(f"h0 must have shape (N, H) with N = {N}, the number of sequences in x; "
                         f"got {h0.shape}")
    width, label = blocks * H, ("H" if blocks == 1 else "4H")
    Wx = finite_array("Wx", Wx, 2, f"(D, {label})")
    Wh = finite_array("Wh", Wh, 2, f"(H, {label})")
    b = finite_array("b", b, 1, f"({label},)")
    for name, array, expected, spec in (("Wx", Wx, (D, width), f"(D, {label})"),
                                        ("Wh", Wh, (H, width), f"(H, {label})"),
                                        ("b", b, (width,), f"({label},)")):
        if array.shape != expected:
            raise ValueError(f"{name} must have shape {spec} = {expected} for x with D = {D} "
                             f"and h0 with H = {H}, got {array.shape}")
    return x, h0, Wx, Wh, b


def _check_upstream(dh, shape):
    dh = np.asarray(dh, dtype=float)
    if dh.shape != shape:
        raise ValueError(f"dh must have the shape of h, (N, T, H) = {shape}, got {dh.shape}")
    if not np.all(np.isfinite(dh)):
        raise ValueError("dh must be finite, got NaN or inf in it")
    return dh


def _check_cache(cache, kind, cell):
    if not isinstance(cache, kind):
        raise ValueError(f"cache must be the second value returned by {cell}_forward")
    return cache


# Inside, arrays are time-major, (T, N, ...): the slice for one step is contiguous. Each step
# multiplies [x_t, h_{t-1}] (N, D + H) by W = [Wx; Wh] (D + H, width) in one product instead
# of two: the loop's time goes into numpy calls, so fewer of them is faster.

class RNNCache(NamedTuple):
    """What rnn_backward needs, time-major: [x_t, h_{t-1}] (T, N, D + H), W = [Wx; Wh], h_t."""

    xh: np.ndarray
    W: np.ndarray
    h: np.ndarray


class LSTMCache(NamedTuple):
    """What lstm_backward needs, time-major: [x_t, h_{t-1}], W = [Wx; Wh], the gates i, f, o, g
    after their nonlinearities (T, N, 4H), c_0..c_T (T + 1, N, H), tanh(c_t) and h_t."""

    xh: np.ndarray
    W: np.ndarray
    gates: np.ndarray
    c: np.ndarray
    tanh_c: np.ndarray
    h: np.ndarray


def _stack_weights(Wx, Wh):
    return np.concatenate([Wx, Wh], axis=0)


def _batch_first(time_major):
    """(T, N, ...) -> a contiguous (N, T, ...) copy."""
    return np.ascontiguousarray(time_major.swapaxes(0, 1))


def rnn_forward(x, h0, Wx, Wh, b):
    """h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b) for t = 1..T.

    x (N, T, D), h0 (N, H), Wx (D, H), Wh (H, H), b (H,) -> h (N, T, H), cache.
    """
    x, h0, Wx, Wh, b = _check_inputs(x, h0, Wx, Wh, b, blocks=1)
    N, T, D = x.shape
    W = _stack_weights(Wx, Wh)
    xh = np.empty((T, N, D + h0.shape[1]))  # [x_t, h_{t-1}] for every step
    xh[:, :, :D] = x.swapaxes(0, 1)
    h = np.empty((T, N, h0.shape[1]))
    with quiet_float_errors():
        previous = h0
        for t in range(T):
            xh[t, :, D:] = previous
            previous = h[t] = np.tanh(xh[t] @ W + b)
    return _batch_first(h), RNNCache(xh, W, h)


def _rnn_backward(dh, cache):
    """rnn_backward plus dh_total (N, T, H): the full gradient dL/dh_t on every step."""
    xh, W, h = _check_cache(cache, RNNCache, "rnn")
    T, N, H = h.shape
    D = W.shape[0] - H
    dh = _check_upstream(dh, (N, T, H)).swapaxes(0, 1)  # a time-major view, never written to
    dxh = np.empty_like(xh)  # gradients on [x_t, h_{t-1}]
    dW = np.zeros_like(W)
    db = np.zeros(H)
    dh_total = np.empty_like(h)
    from_later = np.zeros((N, H))  # dL/dh_t through h_{t+1}
    with quiet_float_errors():
        slopes = 1.0 - h * h  # tanh'(z_t) = 1 - tanh(z_t)^2, every step at once
        for t in reversed(range(T)):
            dh_total[t] = dh[t] + from_later
            dz = dh_total[t] * slopes[t]
            dW += xh[t].T @ dz
            db += dz.sum(axis=0)
            dxh[t] = dz @ W.T
            from_later = dxh[t, :, D:]
    return (_batch_first(dxh[:, :, :D]), from_later.copy(), dW[:D], dW[D:], db), \
        _batch_first(dh_total)


def rnn_backward(dh, cache):
    """dh (N, T, H), the upstream gradient on every h_t -> dx, dh0, dWx, dWh, db."""
    grads, _ = _rnn_backward(dh, cache)
    return grads


def lstm_forward(x, h0, Wx, Wh, b, c0=None):
    """The LSTM over T steps, gates in the order i, f, o, g; the cell state starts at c0 = 0.

    x (N, T, D), h0 (N, H), Wx (D, 4H), Wh (H, 4H), b (4H,) -> h (N, T, H), cache.
    ``c0`` (N, H), optional, starts the cell state elsewhere (to continue a sequence).
    """
    x, h0, Wx, Wh, b = _check_inputs(x, h0, Wx, Wh, b, blocks=4)
    N, T, D = x.shape
    H = h0.shape[1]
    c0 = np.zeros((N, H)) if c0 is None else finite_array("c0", c0, 2, "(N, H)")
    if c0.shape != (N, H):
        raise ValueError(f"c0 must have the shape of h0, (N, H) = {(N, H)}, got {c0.shape}")
    W = _stack_weights(Wx, Wh)
    xh = np.empty((T, N, D + H))
    xh[:, :, :D] = x.swapaxes(0, 1)
    gates = np.empty((T, N, 4 * H))  # i, f, o, g after their nonlinearities
    c = np.empty((T + 1, N, H))  # c[0] = c0, c[t] = c_t
    c[0] = c0
    tanh_c = np.empty((T, N, H))
    h = np.empty((T, N, H))
    # sigmoid(a) = 0.5 + 0.5 * tanh(a / 2): halving the columns of i, f, o in W and b lets one
    # tanh call per step serve all four blocks (the loop is bound by the number of numpy calls)
    half = np.concatenate([np.full(3 * H, 0.5), np.ones(H)])
    W_half, b_half = W * half, b * half
    xh[0, :, D:] = h0
    with quiet_float_errors():
        for t in range(T):
            a = xh[t] @ W_half
            a += b_half
            np.tanh(a, out=a)
            sigmoids, g = gates[t, :, :3 * H], gates[t, :, 3 * H:]
            np.multiply(a[:, :3 * H], 0.5, out=sigmoids)
            sigmoids += 0.5
            g[...] = a[:, 3 * H:]
            i, f, o = gates[t, :, :H], gates[t, :, H:2 * H], gates[t, :, 2 * H:3 * H]
            np.multiply(f, c[t], out=c[t + 1])  # c_t = f * c_{t-1} + i * g
            c[t + 1] += i * g
            np.tanh(c[t + 1], out=tanh_c[t])
            np.multiply(o, tanh_c[t], out=h[t])  # h_t = o * tanh(c_t)
            if t + 1 < T:
                xh[t + 1, :, D:] = h[t]
    return _batch_first(h), LSTMCache(xh, W, gates, c, tanh_c, h)


def _lstm_backward(dh, cache):
    """lstm_backward plus dh_total and dc_total (N, T + 1, H): dL/dh_t, and dL/dc_t for
    t = 0..T (dL/dc_0 included: it says how much reaches the start through the cell state)."""
    xh, W, gates, c, tanh_c, h = _check_cache(cache, LSTMCache, "lstm")
    T, N, H = h.shape
    D = W.shape[0] - H
    dh = _check_upstream(dh, (N, T, H)).swapaxes(0, 1)  # a time-major view, never written to
    dxh = np.empty_like(xh)
    dW = np.zeros_like(W)
    db = np.zeros(4 * H)
    dh_total, dc_total = np.empty_like(h), np.empty((T + 1, N, H))
    dh_later, dc_later = np.zeros((N, H)), np.zeros((N, H))
    with quiet_float_errors():
        # the local derivatives of every step at once (fewer, larger numpy calls in the loop):
        # dL/da = dc * from_c for the blocks i, f, g and dL/da_o = dh * from_h
        i, f, o, g = (gates[:, :, k * H:(k + 1) * H] for k in range(4))  # (T, N, H) each
        from_c = np.zeros((T, N, 4, H))
        from_c[:, :, 0] = g * i * (1.0 - i)
        from_c[:, :, 1] = c[:-1] * f * (1.0 - f)  # c[t] is c_{t-1} of step t
        from_c[:, :, 3] = i * (1.0 - g * g)
        from_h = tanh_c * o * (1.0 - o)
        h_to_c = o * (1.0 - tanh_c * tanh_c)  # dh_t -> dc_t through h_t = o * tanh(c_t)
        da = np.empty((N, 4, H))  # dL/da_t of one step, the four gate blocks
        for t in reversed(range(T)):
            dh_total[t] = dh[t] + dh_later
            # c_t reaches the loss through h_t and through c_{t+1} = f * c_t + ...
            dc = dc_total[t + 1] = dc_later + dh_total[t] * h_to_c[t]
            np.multiply(dc[:, None, :], from_c[t], out=da)
            da[:, 2] = dh_total[t] * from_h[t]
            dc_later = dc_total[t] = dc * f[t]  # the additive path: only the forget gate multiplies
            da_rows = da.reshape(N, 4 * H)
            dW += xh[t].T @ da_rows
            db += da_rows.sum(axis=0)
            dxh[t] = da_rows @ W.T
            dh_later = dxh[t, :, D:]
    return (_batch_first(dxh[:, :, :D]), dh_later.copy(), dW[:D], dW[D:], db), \
        _batch_first(dh_total), _batch_first(dc_total)


def lstm_backward(dh, cache):
    """dh (N, T, H), the upstream gradient on every h_t -> dx, dh0, dWx, dWh, db."""
    grads, _, _ = _lstm_backward(dh, cache)
    return grads


FORWARD = {"rnn": rnn_forward, "lstm": lstm_forward}
BACKWARD = {"rnn": rnn_backward, "lstm": lstm_backward}


# ----- initial weights -----------------------------------------------------------------------

def spectral_radius(W):
    """max |eigenvalue| of a square matrix: the factor by which W^k grows per step, long run."""
    W = finite_array("W", W, 2, "(H, H)")
    if W.shape[0] != W.shape[1]:
        raise ValueError(f"W must be square (H, H) to have a spectral radius, got {W.shape}")
    return float(np.max(np.abs(np.linalg.eigvals(W))))


_spectral_radius = spectral_radius  # init_recurrent_weights has an argument of that name


def init_recurrent_weights(cell, input_size, hidden_size, spectral_radius=1.0,
                           input_scale=1.0, forget_bias=0.0, seed=0):
    """Wx, Wh, b for ``cell`` ("rnn" or "lstm"), ready for ``*_forward``.

    Each H x H block of Wh (one for the RNN, one per gate for the LSTM) is a Gaussian matrix
    rescaled so that its spectral radius is exactly ``spectral_radius``; the random draw
    depends only on the seed, so changing the radius rescales the same matrix. Wx has
    entries of std input_scale / sqrt(D) (LeCun). b is 0, except the LSTM's forget-gate
    block, which is ``forget_bias`` (a positive bias starts f = sigmoid(b_f) near 1).
    """
    choice("cell", cell, CELLS)
    D, H = whole_number("input_size", input_size), whole_number("hidden_size", hidden_size)
    radius = positive_number("spectral_radius", spectral_radius, or_zero=True)
    input_scale = positive_number("input_scale", input_scale, or_zero=True)
    forget_bias = finite_number("forget_bias", forget_bias)
    if cell == "rnn" and forget_bias != 0:
        raise ValueError("forget_bias applies only to the LSTM (the vanilla RNN has no forget gate)")
    blocks = 1 if cell == "rnn" else 4
    rng = np.random.default_rng(seed)
    Wx = variance_scaling((D, blocks * H), rng, scale=input_scale**2, mode="fan_in")
    Wh_blocks = []
    for _ in range(blocks):
        base = initialize("lecun", (H, H), rng)
        Wh_blocks.append(base * (radius / _spectral_radius(base)))
    b = np.zeros(blocks * H)
    if cell == "lstm":
        b[H:2 * H] = forget_bias
    return Wx, np.concatenate(Wh_blocks, axis=1), b


# ----- the gradient through time -------------------------------------------------------------

@dataclass
class GradientThroughTime:
    """How big dL/dh_t is at every step when the loss reads only the last state h_T.

    steps: (T + 1,) the steps t = 0..T (t = 0 is h0).
    grad_norms: (T + 1,) ||dL/dh_t||, the mean over the N sequences; grad_norms[T] = 1.
    cell_grad_norms: (T + 1,) ||dL/dc_t|| for the LSTM (c_0 included), None for the RNN.
    tanh_slopes: (T,) the mean of tanh'(z_t) over sequences and units at t = 1..T (RNN only,
        None for the LSTM): how much the activation lets through at each step.
    first_nonfinite_step: the latest step whose gradient overflowed to inf/NaN (the
        backward pass meets it first), or None.
    """

    steps: np.ndarray
    grad_norms: np.ndarray
    cell_grad_norms: np.ndarray | None
    tanh_slopes: np.ndarray | None
    first_nonfinite_step: int | None

    def per_step_factor(self, start=0, stop=None):
        """The geometric mean of ||dL/dh_{t-1}|| / ||dL/dh_t|| over steps start..stop."""
        stop = len(self.steps) - 1 if stop is None else stop
        with quiet_float_errors():
            return float((self.grad_norms[start] / self.grad_norms[stop]) ** (1.0 / (stop - start)))


def _mean_row_norm(array):
    """(N, T, H) -> (T,): the mean over the N sequences of ||row||, without overflowing early."""
    return scale_safe(np.mean, scale_safe(np.linalg.norm, array, axis=-1), axis=0)


def unit_rows(shape, seed=0):
    """(N, H) random directions, each row of norm 1: the upstream gradient dL/dh_T."""
    rows = np.random.default_rng(seed).normal(size=shape)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def gradient_through_time(cell, x, h0, Wx, Wh, b, dh_last=None):
    """||dL/dh_t|| for t = 0..T when the loss reads only h_T: a :class:`GradientThroughTime`.

    The loss is L = sum over sequences n of dh_last[n] . h_T[n]; ``dh_last`` (N, H) defaults
    to random unit rows, so ||dL/dh_T|| = 1 and the other steps say how much of it is left.
    """
    h, cache = FORWARD[choice("cell", cell, CELLS)](x, h0, Wx, Wh, b)
    N, T, H = h.shape
    dh_last = unit_rows((N, H)) if dh_last is None else finite_array("dh_last", dh_last, 2, "(N, H)")
    if dh_last.shape != (N, H):
        raise ValueError(f"dh_last must have shape (N, H) = {(N, H)}, got {dh_last.shape}")
    dh = np.zeros_like(h)
    dh[:, -1] = dh_last
    cell_norms, slopes = None, None
    if cell == "rnn":
        (_, dh0, *_), dh_total = _rnn_backward(dh, cache)
        slopes = np.mean(1.0 - h ** 2, axis=(0, 2))
    else:
        (_, dh0, *_), dh_total, dc_total = _lstm_backward(dh, cache)
        cell_norms = _mean_row_norm(dc_total)
    dh_all = np.concatenate([dh0[:, None], dh_total], axis=1)  # (N, T + 1, H)
    norms = _mean_row_norm(dh_all)
    bad = np.flatnonzero(~np.isfinite(norms))
    return GradientThroughTime(np.arange(T + 1), norms, cell_norms, slopes,
                               int(bad[-1]) if bad.size else None)
