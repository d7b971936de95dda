"""helpers.models.rnn: gradient checks for the RNN and the LSTM, bad input, spectral radius, and the
gradient through time checked against the backward pass and against exact cases."""
import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import numerical_gradient, rel_error
from helpers.course.notebook05 import (HIDDEN_SIZE, INPUT_SCALE, INPUT_SIZE, course_inputs,
                                       gradient_at_radius, predicted_factor)
from helpers.models.rnn import (
    BACKWARD,
    CELLS,
    FORWARD,
    gradient_through_time,
    init_recurrent_weights,
    lstm_backward,
    lstm_forward,
    lstm_step_backward,
    lstm_step_forward,
    rnn_backward,
    rnn_forward,
    rnn_step_backward,
    rnn_step_forward,
    spectral_radius,
    unit_rows,
)

TOLERANCE = 1e-7
BLOCKS = {"rnn": 1, "lstm": 4}
NAMES = ("x", "h0", "Wx", "Wh", "b")


def _problem(cell, N=3, T=5, D=4, H=6, seed=0, scale=0.5):
    """Random inputs of moderate size (tanh and sigmoid neither linear nor saturated)."""
    rng = np.random.default_rng(seed)
    width = BLOCKS[cell] * H
    return (rng.normal(size=(N, T, D)), rng.normal(size=(N, H)),
            scale * rng.normal(size=(D, width)), scale * rng.normal(size=(H, width)),
            scale * rng.normal(size=width)), rng.normal(size=(N, T, H))


@pytest.mark.parametrize("cell", CELLS)
def test_backward_matches_numerical_gradient_for_every_input(cell):
    inputs, dh = _problem(cell)
    forward = FORWARD[cell]
    h, cache = forward(*inputs)
    assert h.shape == (3, 5, 6) and h.dtype == np.float64
    grads = BACKWARD[cell](dh, cache)
    assert len(grads) == 5
    for name, array, grad in zip(NAMES, inputs, grads):
        assert grad.shape == array.shape, name
        numeric = numerical_gradient(lambda: forward(*inputs)[0], array, dh)
        assert rel_error(grad, numeric) < TOLERANCE, name


def test_lstm_backward_matches_numerical_gradient_from_a_nonzero_cell_state():
    inputs, dh = _problem("lstm", seed=4)
    c0 = np.random.default_rng(5).normal(size=(3, 6))
    grads = lstm_backward(dh, lstm_forward(*inputs, c0=c0)[1])
    for name, array, grad in zip(NAMES, inputs, grads):
        numeric = numerical_gradient(lambda: lstm_forward(*inputs, c0=c0)[0], array, dh)
        assert rel_error(grad, numeric) < TOLERANCE, name


def test_rnn_forward_is_the_tanh_recurrence():
    (x, h0, Wx, Wh, b), _ = _problem("rnn", seed=1)
    h, _ = rnn_forward(x, h0, Wx, Wh, b)
    previous = h0
    for t in range(x.shape[1]):
        previous = np.tanh(x[:, t] @ Wx + previous @ Wh + b)
        np.testing.assert_allclose(h[:, t], previous, rtol=1e-13, atol=1e-15)


def test_lstm_gates_are_in_the_order_i_f_o_g():
    """With Wx = Wh = 0 the gates are set by b alone: check each block does its job."""
    N, T, D, H = 2, 3, 1, 1
    sigmoid = lambda z: 1 / (1 + np.exp(-z))
    b = np.array([0.3, 1.2, -0.4, 0.8])  # i, f, o, g
    h, _ = lstm_forward(np.zeros((N, T, D)), np.zeros((N, H)), np.zeros((D, 4)),
                        np.zeros((H, 4)), b)
    i, f, o, g = sigmoid(0.3), sigmoid(1.2), sigmoid(-0.4), np.tanh(0.8)
    c = 0.0
    for t in range(T):
        c = f * c + i * g
        np.testing.assert_allclose(h[:, t, 0], o * np.tanh(c), rtol=1e-14)


# ----- one step: the reference, and the whole sequence equal to stepping it ---------------------

def _steps_forward(cell, x, h0, Wx, Wh, b):
    """The step functions run over the sequence: h (N, T, H) and every step's cache."""
    h, c, states, caches = h0, np.zeros_like(h0), [], []
    for t in range(x.shape[1]):
        if cell == "rnn":
            h, cache = rnn_step_forward(x[:, t], h, Wx, Wh, b)
        else:
            h, c, cache = lstm_step_forward(x[:, t], h, c, Wx, Wh, b)
        states.append(h)
        caches.append(cache)
    return np.stack(states, axis=1), caches


def _steps_backward(cell, dh, caches, lstm_step=lstm_step_backward):
    """dh (N, T, H) back through the steps, the last first -> dx, dh0, dWx, dWh, db."""
    dnext_h = np.zeros_like(dh[:, 0])
    dnext_c = np.zeros_like(dnext_h)
    dx, dWx, dWh, db = [], 0.0, 0.0, 0.0
    for t in reversed(range(dh.shape[1])):
        if cell == "rnn":
            dx_t, dnext_h, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t] + dnext_h, caches[t])
        else:
            dx_t, dnext_h, dnext_c, dWx_t, dWh_t, db_t = lstm_step(dh[:, t] + dnext_h, dnext_c,
                                                                   caches[t])
        dx.append(dx_t)
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return np.stack(dx[::-1], axis=1), dnext_h, dWx, dWh, db


@pytest.mark.parametrize("cell", CELLS)
def test_every_step_backward_matches_numerical_gradients(cell):
    rng = np.random.default_rng(13)
    N, D, H = 3, 4, 5
    width = BLOCKS[cell] * H
    x, prev_h, prev_c = (rng.normal(size=shape) for shape in ((N, D), (N, H), (N, H)))
    Wx, Wh, b = (0.5 * rng.normal(size=shape) for shape in ((D, width), (H, width), (width,)))
    if cell == "rnn":
        inputs, dnext = [x, prev_h, Wx, Wh, b], rng.normal(size=(N, H))
        grads = rnn_step_backward(dnext, rnn_step_forward(*inputs)[1])

        def output():
            return rnn_step_forward(*inputs)[0]
    else:
        inputs, dnext = [x, prev_h, prev_c, Wx, Wh, b], rng.normal(size=(N, 2 * H))
        grads = lstm_step_backward(dnext[:, :H], dnext[:, H:], lstm_step_forward(*inputs)[2])

        def output():  # next_h and next_c side by side, each with its own upstream gradient
            next_h, next_c, _ = lstm_step_forward(*inputs)
            return np.concatenate([next_h, next_c], axis=1)
    assert len(grads) == len(inputs)
    for index, (array, grad) in enumerate(zip(inputs, grads)):
        assert rel_error(grad, numerical_gradient(output, array, dnext)) < TOLERANCE, index


@pytest.mark.parametrize("cell", CELLS)
def test_the_whole_sequence_equals_stepping_the_reference(cell):
    inputs, dh = _problem(cell, seed=14)
    h, cache = FORWARD[cell](*inputs)
    stepped_h, caches = _steps_forward(cell, *inputs)
    np.testing.assert_allclose(h, stepped_h, rtol=1e-12, atol=1e-14)
    for fast, stepped in zip(BACKWARD[cell](dh, cache), _steps_backward(cell, dh, caches)):
        np.testing.assert_allclose(fast, stepped, rtol=1e-10, atol=1e-13)


# ----- the checks catch wrong backward passes ------------------------------------------------

def _numeric(cell, inputs, dh, index):
    return numerical_gradient(lambda: FORWARD[cell](*inputs)[0], inputs[index], dh)


def test_gradient_check_catches_a_transposed_dWh():
    inputs, dh = _problem("rnn", seed=2)
    dWh = rnn_backward(dh, rnn_forward(*inputs)[1])[3]
    numeric = _numeric("rnn", inputs, dh, 3)
    assert rel_error(dWh, numeric) < TOLERANCE
    assert rel_error(dWh.T, numeric) > 1e-2


def test_gradient_check_catches_a_backward_that_forgets_the_recurrence():
    """Truncated to one step (each h_{t-1} treated as a constant): the dWx it gives is wrong."""
    inputs, dh = _problem("rnn", seed=3)
    x, h0, Wx, Wh, b = inputs
    h, _ = rnn_forward(*inputs)
    before = np.concatenate([h0[:, None], h[:, :-1]], axis=1)
    truncated = sum(rnn_backward(dh[:, t:t + 1], rnn_forward(x[:, t:t + 1], before[:, t], Wx, Wh, b)[1])[2]
                    for t in range(x.shape[1]))
    assert rel_error(truncated, _numeric("rnn", inputs, dh, 2)) > 1e-2


def test_gradient_check_catches_lstm_gates_in_the_wrong_order():
    inputs, dh = _problem("lstm", seed=6)
    db = lstm_backward(dh, lstm_forward(*inputs)[1])[4]
    H = 6
    swapped = np.concatenate([db[H:2 * H], db[:H], db[2 * H:]])  # i and f exchanged
    numeric = _numeric("lstm", inputs, dh, 4)
    assert rel_error(db, numeric) < TOLERANCE
    assert rel_error(swapped, numeric) > 1e-2


def test_gradient_check_catches_a_backward_that_forgets_the_forget_gate():
    """A slip a learner makes: pass dL/dc_t back to c_{t-1} unchanged, as if the cell state
    were c_t = c_{t-1} + i * g. Stepped through the sequence, that backward fails the
    gradient check, and the real one passes it."""
    def without_the_forget_gate(dnext_h, dnext_c, cache):
        dx, dprev_h, dprev_c, dWx, dWh, db = lstm_step_backward(dnext_h, dnext_c, cache)
        return dx, dprev_h, dprev_c / cache.f, dWx, dWh, db  # dc instead of dc * f

    inputs, dh = _problem("lstm", seed=7)
    _, caches = _steps_forward("lstm", *inputs)
    numeric = _numeric("lstm", inputs, dh, 0)  # dL/dx of the LSTM itself
    right = _steps_backward("lstm", dh, caches)[0]
    wrong = _steps_backward("lstm", dh, caches, lstm_step=without_the_forget_gate)[0]
    assert rel_error(right, numeric) < TOLERANCE
    assert rel_error(wrong, numeric) > 1e-2


@pytest.mark.parametrize("cell", CELLS)
def test_backward_mutates_neither_dh_nor_the_cache(cell):
    inputs, dh = _problem(cell, seed=8)
    _, cache = FORWARD[cell](*inputs)
    cache_before, dh_before = copy.deepcopy(cache), dh.copy()
    first = BACKWARD[cell](dh, cache)
    second = BACKWARD[cell](dh, cache)
    np.testing.assert_array_equal(dh, dh_before)
    for kept, original in zip(cache, cache_before):
        np.testing.assert_array_equal(kept, original)
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("cell", CELLS)
def test_forward_does_not_keep_a_reference_to_the_caller_arrays(cell):
    inputs, dh = _problem(cell, seed=9)
    _, cache = FORWARD[cell](*inputs)
    expected = BACKWARD[cell](dh, cache)
    for array in inputs:
        array *= 2.0  # the caller changes its arrays after the forward pass
    for a, b in zip(BACKWARD[cell](dh, cache), expected):
        np.testing.assert_array_equal(a, b)


# ----- bad input -------------------------------------------------------------------------------

def _good(cell):
    return list(_problem(cell, N=2, T=3, D=4, H=5)[0])


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("index, bad, message", [
    (0, np.zeros((2, 4)), r"x must have shape \(N, T, D\)"),
    (0, np.zeros((2, 0, 4)), r"x must have shape \(N, T, D\) \(every size >= 1\)"),
    (0, "abc", r"x must be a numeric array of shape \(N, T, D\)"),
    (1, np.zeros(5), r"h0 must have shape \(N, H\)"),
    (1, np.zeros((3, 5)), r"h0 must have shape \(N, H\) with N = 2"),
    (4, np.zeros((2, 5)), r"b must have shape"),
])
def test_bad_shapes_are_rejected_clearly(cell, index, bad, message):
    inputs = _good(cell)
    inputs[index] = bad
    with pytest.raises(ValueError, match=message):
        FORWARD[cell](*inputs)


def test_weight_shapes_name_what_is_expected():
    x, h0, Wx, Wh, b = _good("rnn")
    with pytest.raises(ValueError, match=r"Wh must have shape \(H, H\) = \(5, 5\) for x with "
                                         r"D = 4 and h0 with H = 5, got \(5, 20\)"):
        rnn_forward(x, h0, Wx, np.zeros((5, 20)), b)
    x, h0, Wx, Wh, b = _good("lstm")
    with pytest.raises(ValueError, match=r"Wx must have shape \(D, 4H\) = \(4, 20\)"):
        lstm_forward(x, h0, np.zeros((4, 5)), Wh, b)
    with pytest.raises(ValueError, match=r"c0 must have the shape of h0, \(N, H\) = \(2, 5\)"):
        lstm_forward(x, h0, Wx, Wh, b, c0=np.zeros((2, 4)))


@given(cell=st.sampled_from(CELLS), index=st.integers(0, 4), bad=st.sampled_from([np.nan, np.inf, -np.inf]),
       position=st.integers(0, 1000))
@settings(max_examples=40, deadline=None)
def test_non_finite_input_anywhere_is_rejected(cell, index, bad, position):
    inputs = _good(cell)
    flat = inputs[index].reshape(-1)
    flat[position % flat.size] = bad
    with pytest.raises(ValueError, match=f"{NAMES[index]} must be finite, got NaN or inf"):
        FORWARD[cell](*inputs)


@given(cell=st.sampled_from(CELLS), rows=st.integers(1, 7), columns=st.integers(1, 25))
@settings(max_examples=40, deadline=None)
def test_any_wrong_recurrent_weight_shape_is_rejected(cell, rows, columns):
    x, h0, Wx, Wh, b = _good(cell)
    if (rows, columns) == Wh.shape:
        return
    with pytest.raises(ValueError, match="Wh must have shape"):
        FORWARD[cell](x, h0, Wx, np.zeros((rows, columns)), b)


@pytest.mark.parametrize("cell", CELLS)
def test_bad_upstream_gradient_and_cache_are_rejected(cell):
    inputs = _good(cell)
    _, cache = FORWARD[cell](*inputs)
    with pytest.raises(ValueError, match=r"dh must have the shape of h, \(N, T, H\) = \(2, 3, 5\)"):
        BACKWARD[cell](np.zeros((2, 3, 4)), cache)
    dh = np.zeros((2, 3, 5))
    dh[1, 2, 0] = np.nan
    with pytest.raises(ValueError, match="dh must be finite, got NaN or inf"):
        BACKWARD[cell](dh, cache)
    other = "lstm" if cell == "rnn" else "rnn"
    with pytest.raises(ValueError, match=f"cache must be the second value returned by {other}_forward"):
        BACKWARD[other](np.zeros((2, 3, 5)), cache)


@pytest.mark.parametrize("kwargs, message", [
    ({"cell": "gru"}, "cell must be one of 'rnn', 'lstm', got 'gru'"),
    ({"spectral_radius": -1.0}, "spectral_radius must be a finite number >= 0"),
    ({"spectral_radius": np.inf}, "spectral_radius must be a finite number >= 0"),
    ({"hidden_size": 0}, "hidden_size must be a whole number >= 1"),
    ({"input_size": 2.5}, "input_size must be a whole number >= 1"),
    ({"forget_bias": 1.0}, "forget_bias applies only to the LSTM"),
    ({"cell": "lstm", "forget_bias": np.nan}, "forget_bias must be a finite number"),
])
def test_init_rejects_bad_settings(kwargs, message):
    settings_ = {"cell": "rnn", "input_size": 3, "hidden_size": 4, **kwargs}
    with pytest.raises(ValueError, match=message):
        init_recurrent_weights(**settings_)


# ----- spectral radius and initial weights -----------------------------------------------------

def test_spectral_radius_of_known_matrices():
    assert spectral_radius(np.diag([0.3, -2.0, 1.5])) == 2.0
    angle, scale = 0.7, 1.3  # a rotation times 1.3 has eigenvalues 1.3 e^(+-0.7i)
    rotation = scale * np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    assert spectral_radius(rotation) == pytest.approx(1.3, abs=1e-15)
    # triangular: the eigenvalues are the diagonal, whatever sits above it
    assert spectral_radius(np.array([[0.5, 100.0], [0.0, -0.25]])) == 0.5
    assert spectral_radius(np.zeros((3, 3))) == 0.0
    with pytest.raises(ValueError, match=r"W must be square \(H, H\)"):
        spectral_radius(np.zeros((2, 3)))


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("radius", [0.0, 0.5, 1.0, 2.7])
def test_every_recurrent_block_gets_the_chosen_spectral_radius(cell, radius):
    H = 8
    Wx, Wh, b = init_recurrent_weights(cell, 3, H, spectral_radius=radius, seed=1)
    assert Wx.shape == (3, BLOCKS[cell] * H) and Wh.shape == (H, BLOCKS[cell] * H)
    for k in range(BLOCKS[cell]):
        assert spectral_radius(Wh[:, k * H:(k + 1) * H]) == pytest.approx(radius, abs=1e-12)
    assert np.all(b == 0)


def test_the_radius_rescales_the_same_draw_and_the_forget_bias_sits_in_block_f():
    _, one, _ = init_recurrent_weights("lstm", 3, 4, spectral_radius=1.0, seed=2)
    _, two, b = init_recurrent_weights("lstm", 3, 4, spectral_radius=2.0, forget_bias=1.5, seed=2)
    np.testing.assert_allclose(two, 2.0 * one, rtol=1e-13)
    np.testing.assert_array_equal(b, [0] * 4 + [1.5] * 4 + [0] * 8)


# ----- the gradient through time ---------------------------------------------------------------

@pytest.mark.parametrize("cell", CELLS)
def test_gradient_through_time_agrees_with_the_backward_pass(cell):
    """dL/dh_t is the dh0 of the rest of the sequence started from (h_t, c_t)."""
    rng = np.random.default_rng(10)
    N, T, D, H = 4, 12, 3, 5
    Wx, Wh, b = init_recurrent_weights(cell, D, H, spectral_radius=1.3,
                                       forget_bias=1.0 if cell == "lstm" else 0.0, seed=3)
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    result = gradient_through_time(cell, x, h0, Wx, Wh, b)
    assert result.grad_norms.shape == (T + 1,)
    assert result.grad_norms[T] == pytest.approx(1.0, abs=1e-14)  # unit rows
    h, cache = FORWARD[cell](x, h0, Wx, Wh, b)
    dh = np.zeros_like(h)
    dh[:, -1] = unit_rows((N, H))
    full_dh0 = BACKWARD[cell](dh, cache)[1]
    assert result.grad_norms[0] == pytest.approx(np.linalg.norm(full_dh0, axis=1).mean(), rel=1e-12)
    for t in range(1, T):
        extra = {"c0": cache.c[t]} if cell == "lstm" else {}  # c_t, from the time-major cache
        _, rest = FORWARD[cell](x[:, t:], h[:, t - 1], Wx, Wh, b, **extra)
        dh_rest = np.zeros((N, T - t, H))
        dh_rest[:, -1] = dh[:, -1]
        dh_t = BACKWARD[cell](dh_rest, rest)[1]
        assert result.grad_norms[t] == pytest.approx(np.linalg.norm(dh_t, axis=1).mean(), rel=1e-12)


@pytest.mark.parametrize("radius", [0.5, 0.9, 1.1])
def test_linear_regime_decays_exactly_by_the_spectral_radius_per_step(radius):
    """x = 0, h0 = 0: h stays 0, tanh' = 1, and with Wh = radius * (orthogonal Q) the gradient
    shrinks or grows by exactly ``radius`` per step, as the spectral radius predicts."""
    H, T = 6, 40
    Q, _ = np.linalg.qr(np.random.default_rng(11).normal(size=(H, H)))
    result = gradient_through_time("rnn", np.zeros((3, T, 2)), np.zeros((3, H)),
                                   np.ones((2, H)), radius * Q, np.zeros(H))
    np.testing.assert_allclose(result.grad_norms, radius ** (T - np.arange(T + 1)), rtol=1e-12)
    np.testing.assert_array_equal(result.tanh_slopes, np.ones(T))
    assert result.per_step_factor() == pytest.approx(radius, rel=1e-12)


def test_lstm_cell_gradient_shrinks_by_exactly_the_forget_gate_per_step():
    """With Wx = Wh = 0 only the cell path carries gradient back: dc_{t-1} = f * dc_t."""
    H, T, forget_bias = 3, 30, 2.0
    b = np.zeros(4 * H)
    b[H:2 * H] = forget_bias
    b[3 * H:] = 0.5
    result = gradient_through_time("lstm", np.zeros((2, T, 1)), np.zeros((2, H)),
                                   np.zeros((1, 4 * H)), np.zeros((H, 4 * H)), b)
    f = 1 / (1 + np.exp(-forget_bias))
    ratios = result.cell_grad_norms[:-1] / result.cell_grad_norms[1:]
    np.testing.assert_allclose(ratios, f, rtol=1e-12)
    assert result.tanh_slopes is None and result.cell_grad_norms.shape == (T + 1,)


def test_overflow_is_reported_not_warned():
    """10 * Q over 400 steps: ||dL/dh_t|| = 10**(400 - t) is finite down to t = 92 (1e308) and
    inf from t = 91 (1e309 > 1.8e308). Norms are taken without squaring the huge entries."""
    H, T = 4, 400
    Q, _ = np.linalg.qr(np.random.default_rng(12).normal(size=(H, H)))
    result = gradient_through_time("rnn", np.zeros((2, T, 1)), np.zeros((2, H)),
                                   np.zeros((1, H)), 10.0 * Q, np.zeros(H))
    bad = result.first_nonfinite_step
    assert bad is not None and np.all(~np.isfinite(result.grad_norms[:bad + 1]))
    assert np.all(np.isfinite(result.grad_norms[bad + 1:]))
    assert bad == T - 309
    assert result.grad_norms[bad + 1] == pytest.approx(1e308, rel=1e-12)


def test_gradient_through_time_rejects_bad_settings():
    inputs = _good("rnn")
    with pytest.raises(ValueError, match="cell must be one of 'rnn', 'lstm', got 'RNN2'"):
        gradient_through_time("RNN2", *inputs)
    with pytest.raises(ValueError, match=r"dh_last must have shape \(N, H\) = \(2, 5\)"):
        gradient_through_time("rnn", *inputs, dh_last=np.ones((2, 4)))


# ----- the setup notebook 05 measures ---------------------------------------------------------

@pytest.mark.parametrize("cell, radius, forget_bias", [("rnn", 1.3, 0.0), ("lstm", 0.7, 2.5)])
def test_gradient_at_radius_equals_a_fresh_init_at_that_radius_and_bias(cell, radius, forget_bias):
    T = 40
    profile = gradient_at_radius(cell, T, radius, forget_bias)
    Wx, Wh, b = init_recurrent_weights(cell, INPUT_SIZE, HIDDEN_SIZE, radius, INPUT_SCALE,
                                       forget_bias)
    x, h0 = course_inputs()
    direct = gradient_through_time(cell, x[:, :T], h0, Wx, Wh, b)
    np.testing.assert_allclose(profile.grad_norms, direct.grad_norms, rtol=1e-9)


def test_prediction_follows_the_measurement_in_the_vanishing_regime():
    profile = gradient_at_radius("rnn", 100, 0.9)
    measured = profile.per_step_factor()
    assert measured < 0.9  # tanh' < 1 makes it smaller than rho alone
    assert predicted_factor(profile, 0.9) == pytest.approx(measured, rel=0.05)


def test_gradient_at_radius_rejects_bad_settings():
    with pytest.raises(ValueError, match="steps must be a whole number from 1 to 150"):
        gradient_at_radius("rnn", 151, 1.0)
    with pytest.raises(ValueError, match="cell must be one of 'rnn', 'lstm', got 'gru'"):
        gradient_at_radius("gru", 10, 1.0)
