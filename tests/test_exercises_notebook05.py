"""Notebook 05's checkers: the placeholder, the reference answer and typical wrong answers."""
import math

import numpy as np
import pytest

from helpers.exercises import notebook05
from helpers.models.rnn import gradient_through_time, init_recurrent_weights, rnn_forward
from solutions import notebook05 as solutions05


def test_per_step_factor_reference_and_mistakes():
    assert solutions05.per_step_factor() == pytest.approx(math.sqrt(1.44 * 0.3))
    assert notebook05.check_per_step_factor(solutions05.per_step_factor()).correct
    assert notebook05.check_per_step_factor(0.657).correct  # three significant figures
    for answer, phrase in [(0.432, "χ itself"), (0.6, "first guess"), (0.36, "*squared* slope"),
                           (0.72, "already a square"), (math.sqrt(0.3), "slopes' part alone"),
                           (1.2, "W_h's part alone"), (1.44, "W_h's part alone"),
                           (0.9, "work out χ"), (-1.0, "positive number"),
                           (0.66, "2 significant figures"), (0.65, "1 significant figure")]:
        feedback = notebook05.check_per_step_factor(answer)
        assert feedback.status == "wrong" and phrase in feedback.message, (answer, feedback)


def test_the_chi_rule_of_exercise_1_holds_for_a_wide_rnn():
    """A 512-unit RNN with spread-out slopes: the measured factor per step is sqrt(chi), with
    sigma_w2 = ||W_h||_F^2 / H and E[tanh'^2] over its own steps and units (not rho * mean)."""
    H, T = 512, 100
    Wx, Wh, b = init_recurrent_weights("rnn", 4, H, spectral_radius=3.0, seed=0)
    x = np.random.default_rng(0).normal(size=(4, T, 4))
    h0 = np.zeros((4, H))
    measured = gradient_through_time("rnn", x, h0, Wx, Wh, b).per_step_factor(20, T)
    slopes = (1 - rnn_forward(x, h0, Wx, Wh, b)[0] ** 2)[:, 20:]
    chi = np.sum(Wh**2) / H * np.mean(slopes**2)
    assert measured == pytest.approx(math.sqrt(chi), rel=0.01)
    assert 3.0 * slopes.mean() < 0.75 * measured  # the first guess is far off here


def test_forget_bias_reference_and_mistakes():
    f = 0.01 ** (1 / 100)
    assert solutions05.forget_bias() == pytest.approx(math.log(f / (1 - f)))
    assert 3.05 < solutions05.forget_bias() < 3.06
    assert notebook05.check_forget_bias(solutions05.forget_bias()).correct
    assert notebook05.check_forget_bias(3.05).correct  # three significant figures are enough
    for answer, phrase in [(3.0, "1 significant figure"), (3.1, "2 significant figures"),
                           (3.04, "2 significant figures"), (f, "gate value f"),
                           (math.log(0.99 / 0.01), "keeps 0.99^100"), (-3.05, "sign is flipped"),
                           (math.log(f), "is ln f"), (-1.0, "below 0.5"),
                           (5.0, "more than 0.01"), (2.0, "less than 0.01")]:
        feedback = notebook05.check_forget_bias(answer)
        assert feedback.status == "wrong" and phrase in feedback.message, (answer, feedback)


def test_forget_bias_matches_an_lstm_with_only_the_cell_path():
    """Wx = Wh = 0 and b_f = the reference: exactly 1% of dL/dc_T reaches c_0."""
    H, T = 3, notebook05.STEPS
    b = np.zeros(4 * H)
    b[H:2 * H] = solutions05.forget_bias()
    b[3 * H:] = 1.0
    result = gradient_through_time("lstm", np.zeros((2, T, 1)), np.zeros((2, H)),
                                   np.zeros((1, 4 * H)), np.zeros((H, 4 * H)), b)
    ratio = result.cell_grad_norms[0] / result.cell_grad_norms[T]
    assert ratio == pytest.approx(notebook05.SURVIVING, rel=1e-10)


@pytest.mark.parametrize("written", ["C", "c", "  C ", "C)", "less than 1e-20 of it",
                                     "Less than 1E-20  of it."])
def test_survival_prediction_accepts_the_letter_or_the_text(written):
    assert solutions05.survival_at_radius_one() == "C"
    assert notebook05.check_survival_at_radius_one(written).correct


@pytest.mark.parametrize("answer, phrase", [("A", "stretch of W_h alone"),
                                            ("b", "far below 1 on average"),
                                            ("D", "growth needs more than 1"),
                                            ("E", 'one of "A", "B", "C", "D"'),
                                            (3, "as a string")])
def test_survival_prediction_mistakes(answer, phrase):
    feedback = notebook05.check_survival_at_radius_one(answer)
    assert feedback.status == "wrong" and phrase in feedback.message, feedback


def test_the_survival_prediction_is_what_the_notebook_measures():
    """Notebook 05's set-up: H = 32, T = 100, four N(0, 1) input sequences, rho = 1. Less than
    1e-20 of the gradient reaches h_0 (option C), with a per-step factor near 0.6."""
    x = np.random.default_rng(0).normal(size=(4, 150, 4))[:, :100]
    Wx, Wh, b = init_recurrent_weights("rnn", 4, 32, spectral_radius=1.0)
    profile = gradient_through_time("rnn", x, np.zeros((4, 32)), Wx, Wh, b)
    assert profile.grad_norms[0] < 1e-20 * profile.grad_norms[-1]
    assert 0.55 < profile.per_step_factor() < 0.65


@pytest.mark.parametrize("written", ["B", " b", "it hardly ever engages, and the RNN still fails"])
def test_clipping_prediction_accepts_the_letter_or_the_text(written):
    assert solutions05.clipping_on_vanishing() == "B"
    assert notebook05.check_clipping_on_vanishing(written).correct


@pytest.mark.parametrize("answer, phrase", [("A", "never makes a gradient larger"),
                                            ("c", "rarely a large gradient")])
def test_clipping_prediction_mistakes(answer, phrase):
    feedback = notebook05.check_clipping_on_vanishing(answer)
    assert feedback.status == "wrong" and phrase in feedback.message, feedback
