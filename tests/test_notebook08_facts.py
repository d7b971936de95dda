"""Facts notebook 08's text relies on that its cells do not print: how its learning rate was
chosen, why batch norm's update ratios run high, and which way the too-large network's
gradient grows."""
import math

import numpy as np

from helpers import MLP
from helpers.course.notebook08 import DigitsNetwork, course_split, train_digits

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
    from helpers.course.notebook08 import digits_network, input_spread

    spread = input_spread(digits_network(DigitsNetwork()), course_split().X_train[:256])
    run = train_digits(DigitsNetwork(), steps=1, snapshot_steps=(0,))
    rms = [np.sqrt(np.mean(g * g)) for g in run.history.snapshots[0].activation_grads]
    for factor in ((spread[14] / spread[0]) ** (1 / 14), (rms[0] / rms[14]) ** (1 / 14)):
        assert abs(factor - math.sqrt(1 / 3)) < 0.05 * math.sqrt(1 / 3)


# ----- section 1: PyTorch's default biases (review 21, item 8) ---------------------------------

def with_pytorch_biases(net, seed):
    """As notebook 08's cell draws them: every bias uniform in [-1/sqrt(n_in), 1/sqrt(n_in)]."""
    rng = np.random.default_rng([seed, 2])
    for weights, bias in zip(net.weights, net.biases):
        bias[:] = rng.uniform(-1.0, 1.0, size=bias.shape) / math.sqrt(weights.shape[0])
    return net


def test_with_pytorchs_biases_the_patient_still_does_not_learn():
    """The notebook says: with PyTorch's biases the activations' std is near 0.1, yet the
    logits' spread across images stays near 1e-4 and the loss after 300 steps is still 2.30 in
    each of three seeds."""
    from helpers import train
    from helpers.math.layers import softmax_cross_entropy
    from helpers.course.notebook08 import FINAL_STEPS, digits_network
    from helpers.models.optimizers import make_optimizer

    split, patient = course_split(), DigitsNetwork()
    for seed in range(3):
        net = with_pytorch_biases(digits_network(patient, seed), seed)
        logits = net.forward(split.X_train)
        assert 0.05 < np.std(net.activations[15]) < 0.3
        assert np.mean(np.std(logits, axis=0)) < 3e-4  # the images' differences: still ~1e-4
        history = train(net, split.X_train, split.y_train, steps=300,
                        optimizer=make_optimizer("sgd", 0.1), loss_fn=softmax_cross_entropy,
                        batch_size=64, seed=[seed, 1])
        assert abs(np.mean(history.loss[-FINAL_STEPS:]) - math.log(10)) < 0.005, seed


# ----- section 2: dead ReLUs point to the biases (review 21, item 4) ----------------------------

def dead_at_step_0(setup, seed):
    run = train_digits(setup, steps=1, seed=seed, snapshot_steps=(0,))
    return run.history.snapshots[0].stats.dead_pct[:-1]


def test_with_zero_biases_the_share_of_dead_relus_does_not_depend_on_the_scale():
    """relu(c z) = c relu(z): the weights' scale changes no unit's sign, so the % dead at step 0
    is the same at 0.1, 1 and 3 times He's weights; and in the 16-layer, 32-wide network no
    layer starts all dead (the most measured: 28%)."""
    relu = DigitsNetwork(activation="relu", init="he", lr=0.03)
    for seed in range(5):
        dead = dead_at_step_0(relu, seed)
        for scale in (0.1, 3.0):
            np.testing.assert_array_equal(dead_at_step_0(relu.but(weight_scale=scale), seed),
                                          dead)
        assert dead.max() < 50, (seed, dead)


def test_biases_below_zero_kill_whole_layers_and_zero_biases_revive_them():
    relu = DigitsNetwork(activation="relu", init="he", lr=0.03)
    for seed in range(3):
        assert dead_at_step_0(relu.but(hidden_bias=-0.5), seed).max() == 100


# ----- exercise 2, network D: which quantity grows by 1.5 (review 21, item 3) ------------------

def test_d_grows_the_size_of_its_signal_by_about_1_5_per_layer():
    """D has 1.5 x He's weights on ReLU: chi = 1.5^2 = 2.25 for the mean square, so the size
    (RMS) of its signal grows by about 1.5 per layer; at width 32 a little less (1.3 to 1.5)."""
    from helpers.exercises.notebook08 import mystery_networks
    from helpers.course.notebook08 import digits_network

    X = course_split().X_train
    factors = []
    for seed in range(5):
        net = digits_network(mystery_networks()["D"].setup, seed)
        with np.errstate(over="ignore"):
            net.forward(X)
        rms = [np.sqrt(np.mean(a * a)) for a in net.activations[1:-1]]
        factors.append((rms[-1] / rms[0]) ** (1 / (len(rms) - 1)))
    assert 1.25 < np.median(factors) < 1.55, factors
    assert np.median(factors) ** 2 < 2.25 * 1.05  # the mean square: about 1.5^2 or a bit less
