"""Notebook 05's checkers: the placeholder, the reference answer and typical wrong answers."""
import math

import numpy as np
import pytest

from helpers.exercises import notebook05
from helpers.models.rnn import gradient_through_time
from solutions import notebook05 as solutions05

CHECKERS = [notebook05.check_per_step_factor, notebook05.check_forget_gate_survival]


@pytest.mark.parametrize("checker", CHECKERS)
@pytest.mark.parametrize("junk", ["0.6", -1.0, math.nan, math.inf, True, [0.6]])
def test_junk_is_wrong_and_never_raises(checker, junk):
    assert checker(junk).status == "wrong"


def test_per_step_factor_reference_and_mistakes():
    assert solutions05.per_step_factor() == pytest.approx(0.6)
    assert notebook05.check_per_step_factor(solutions05.per_step_factor()).correct
    for answer, phrase in [(1.2, "spectral radius alone"), (0.5, "tanh′ factor alone"),
                           (1.7, "they do not add"), (2.4, "neither divides"),
                           (0.9, "work out the two factors")]:
        feedback = notebook05.check_per_step_factor(answer)
        assert feedback.status == "wrong" and phrase in feedback.message, answer


def test_the_per_step_reasoning_is_exact_for_a_linear_rnn_with_constant_slope():
    """With h = 0 throughout, tanh' = 1 and W_h = rho * Q (Q orthogonal): the factor is rho."""
    Q, _ = np.linalg.qr(np.random.default_rng(0).normal(size=(5, 5)))
    result = gradient_through_time("rnn", np.zeros((2, 30, 1)), np.zeros((2, 5)),
                                   np.zeros((1, 5)), 0.6 * Q, np.zeros(5))
    assert result.per_step_factor() == pytest.approx(solutions05.per_step_factor(), rel=1e-12)


def test_forget_gate_survival_reference_and_mistakes():
    f = 1 / (1 + math.exp(-3.0))
    assert solutions05.forget_gate_survival() == pytest.approx(f ** 100)
    assert 0.0077 < solutions05.forget_gate_survival() < 0.0078
    assert notebook05.check_forget_gate_survival(solutions05.forget_gate_survival()).correct
    for answer, phrase in [(3.0 ** 100, "sigmoid(b_f)"), (f, "after one step"),
                           ((1 - f) ** 100, "what is *kept*"), ((f * (1 - f)) ** 100, "derivative"),
                           (0.5, "once per step")]:
        feedback = notebook05.check_forget_gate_survival(answer)
        assert feedback.status == "wrong" and phrase in feedback.message, answer


def test_forget_gate_survival_matches_an_lstm_with_only_the_cell_path():
    """Wx = Wh = 0, b_f = 3: the measured ||dL/dc_0|| / ||dL/dc_T|| is the reference answer."""
    H, T = 3, notebook05.STEPS
    b = np.zeros(4 * H)
    b[H:2 * H] = notebook05.FORGET_BIAS
    b[3 * H:] = 1.0
    result = gradient_through_time("lstm", np.zeros((2, T, 1)), np.zeros((2, H)),
                                   np.zeros((1, 4 * H)), np.zeros((H, 4 * H)), b)
    ratio = result.cell_grad_norms[0] / result.cell_grad_norms[T]
    assert ratio == pytest.approx(solutions05.forget_gate_survival(), rel=1e-10)
