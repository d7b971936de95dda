"""Reference answers for notebook 05."""
import math


def per_step_factor(radius=1.2, mean_tanh_slope=0.5):
    # one step back: dL/dh_{t-1} = (dL/dh_t * tanh'(z_t)) @ W_h^T, about rho * mean tanh' in size
    return radius * mean_tanh_slope


def forget_gate_survival(forget_bias=3.0, steps=100):
    # along the cell state dL/dc_{t-1} = f * dL/dc_t, with f = sigmoid(b_f) at every step
    forget_gate = 1.0 / (1.0 + math.exp(-forget_bias))
    return forget_gate ** steps
