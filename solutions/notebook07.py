"""Reference answers for notebook 07."""
from helpers.exercises.notebook07 import layers_for_gradient_factor
from helpers.theory.meanfield import critical_sigma_w2


def critical_sigma_w2_without_bias():
    # chi_1 = 1 on the critical line; with sigma_b2 = 0 the solver lands on q* = 0
    return float(critical_sigma_w2(0.0))


def layers_to_shrink_gradient(sigma_w2=1.5, sigma_b2=0.05, factor=1000):
    # the first whole L with chi_1**L < 1/factor
    return layers_for_gradient_factor(sigma_w2, sigma_b2, factor)
