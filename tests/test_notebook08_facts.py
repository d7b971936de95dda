"""Facts notebook 08's text relies on that its cells do not print: how its learning rate was
chosen, why batch norm's update ratios run high, and which way the too-large network's
gradient grows."""
import math

import numpy as np

from helpers import MLP
from helpers.models.digits import DigitsNetwork, course_split, train_digits

HEALTHY = DigitsNetwork(weight_scale=math.sqrt(3))  # the patient with the gain: sigma_w^2 = 1


def test_the_learning_rate_is_the_best_of_the_grid_on_the_healthy_network():
    """Notebook 08 trains every SGD comparison at 0.1: of 0.01, 0.03, 0.1, 0.3 and 1, the rate
    with the lowest median final training loss of the healthy network over five seeds."""
    grid = (0.01, 0.03, 0.1, 0.3, 1.0)
    medians = {lr: np.median([train_digits(HEALTHY.but(lr=lr), seed=seed).final_loss
                              for seed in range(5)]) for lr in grid}
    assert min(medians, key=medians.get) == 0.1, medians


def test_a_weight_before_batch_norm_gets_a_gradient_perpendicular_to_it():
    """BN(a W) does not change when a column of W is scaled, so each column's gradient is
    perpendicular to the column and shrinks as the column grows: small weights get large
    relative updates (batch norm's high update ratios in notebook 08). Exactly so but for the
    eps in sqrt(var + eps), here about 1e-4 of the variance."""
    rng = np.random.default_rng(0)
    net = MLP([6, 8, 8, 3], activation="tanh", init="lecun", seed=1,
              normalization="batch")
    X, dout = rng.normal(size=(16, 6)), rng.normal(size=(16, 3))
    net.forward(X)
    grad = net.backward(dout)["weights"][1]
    W = net.weights[1]
    cosines = np.sum(grad * W, axis=0) / (np.linalg.norm(grad, axis=0) * np.linalg.norm(W, axis=0))
    assert np.max(np.abs(cosines)) < 1e-3
    net.weights[1] = 2.0 * W
    net.forward(X)
    np.testing.assert_allclose(net.backward(dout)["weights"][1], grad / 2.0, rtol=1e-3)


def test_the_too_large_tanh_network_has_larger_gradients_near_the_input():
    """sigma_w^2 = 9 is on the chaotic side (notebook 07): the gradient grows towards the input,
    although about 40% of the units are saturated."""
    run = train_digits(DigitsNetwork(init="lecun", weight_scale=3.0), steps=1,
                       snapshot_steps=(0,))
    grads = run.history.snapshots[0].activation_grads
    rms = [np.sqrt(np.mean(g * g)) for g in grads]
    assert rms[0] > 10 * rms[-1]


def test_the_patients_signal_shrinks_by_sqrt_chi_both_ways():
    from helpers.models.digits import build_network, input_spread

    spread = input_spread(build_network(DigitsNetwork()), course_split().X_train[:256])
    run = train_digits(DigitsNetwork(), steps=1, snapshot_steps=(0,))
    rms = [np.sqrt(np.mean(g * g)) for g in run.history.snapshots[0].activation_grads]
    for factor in ((spread[14] / spread[0]) ** (1 / 14), (rms[0] / rms[14]) ** (1 / 14)):
        assert abs(factor - math.sqrt(1 / 3)) < 0.05 * math.sqrt(1 / 3)
