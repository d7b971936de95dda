"""Reference answers for notebook 05."""
import math

from helpers.exercises.notebook05 import MEAN_SQUARED_TANH_SLOPE, SIGMA_W2, STEPS, SURVIVING


def per_step_factor():
    # one step back multiplies the mean squared gradient by chi = sigma_w2 * E[tanh'^2];
    # the norm changes by the square root
    return math.sqrt(SIGMA_W2 * MEAN_SQUARED_TANH_SLOPE)


def forget_bias():
    # along the cell state: f ** STEPS = SURVIVING, and f = sigmoid(b_f) <=> b_f = ln(f / (1 - f))
    forget_gate = math.exp(math.log(SURVIVING) / STEPS)
    return math.log(forget_gate / (1.0 - forget_gate))


def survival_at_radius_one():
    # at rho = 1 the tanh slopes (about 0.6 on average with these inputs) still multiply every
    # step: about 0.6^100 ~ 1e-22 of the gradient reaches h_0 (the notebook measures 7e-23)
    return "C"


def clipping_on_vanishing():
    # the gradient through time vanishes, so ||g|| rarely exceeds theta = 1, and clipping never
    # scales anything up (the notebook counts 0-4 clipped steps among the first 40)
    return "B"
