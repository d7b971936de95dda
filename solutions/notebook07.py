"""Reference answers for notebook 07."""
from helpers.theory.meanfield import chi1, critical_sigma_w2


def critical_sigma_w2_without_bias():
    # chi_1 = 1 on the critical line; with sigma_b2 = 0 the solver lands on q* = 0
    return float(critical_sigma_w2(0.0))


def layers_to_shrink_gradient(sigma_w2=1.5, sigma_b2=0.05, factor=1000):
    # count layers until the squared gradient, multiplied by chi_1 per layer, is below 1/factor
    per_layer = float(chi1(sigma_w2, sigma_b2))
    layers, size = 0, 1.0
    while size >= 1 / factor:
        layers, size = layers + 1, size * per_layer
    return layers
