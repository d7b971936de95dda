"""Notebook 08's mystery networks: each fails as its checker says, and the checker's fixes are
the ones that work — every network is trained with every fix of FIXES (300 steps, two seeds):
an accepted fix brings the loss below 1.5 with no run diverging, a rejected one leaves it above
1.6 (or NaN), and every rejected fix gets its own reason. "init for chi = 1" is He's scale for
ReLU, LeCun's for tanh, and for sigmoid notebook 04's recipe (4 x LeCun's weights with biases
that cancel sigmoid's mean 1/2)."""
import math

import numpy as np
import pytest

from helpers import train
from helpers.exercises import notebook08
from helpers.exercises.notebook08 import FIXES, MYSTERY_NAMES, mystery_networks
from helpers.math.layers import softmax_cross_entropy
from helpers.course.notebook08 import FINAL_STEPS, course_split, digits_network, train_digits
from helpers.models.optimizers import make_optimizer

SEEDS = (0, 1)
WORKS, FAILS = 1.5, 1.6
# notebook 04's recipe for a critical sigmoid network: sigmoid(z) = 1/2 + tanh(z/2)/2, so with
# 4 x LeCun's weights and biases -1/2 sum_i W_ij (which cancel the 1/2 that every sigmoid
# passes on) it is a tanh network at LeCun's scale in h = z/2: chi = 1
SIGMOID_CHI_1 = "sigmoid: 4 x LeCun, biases cancel the mean"


def with_fix(setup, fix):
    """The network after the change ``fix`` names (the way a learner would make it)."""
    if fix == "init for chi = 1":
        if setup.activation == "sigmoid":
            return SIGMOID_CHI_1, setup.but(init="lecun", weight_scale=4.0)
        scheme = "he" if setup.activation in ("relu", "leaky_relu") else "lecun"
        return setup.but(init=scheme, weight_scale=1.0)
    if fix == "zero the biases":
        return setup.but(hidden_bias=0.0)
    if fix == "batch norm":
        return setup.but(normalization="batch")
    if fix == "residual connections":
        return setup.but(residual=True)
    if fix == "larger learning rate":
        return setup.but(lr=30 * setup.lr)
    if fix == "adam":
        return setup.but(optimizer="adam", lr=0.001)
    if fix == "gradient clipping":
        return setup.but(clip_norm=1.0)
    raise AssertionError(fix)


def test_there_is_one_network_per_cause():
    networks = mystery_networks()
    assert list(networks) == list(MYSTERY_NAMES)
    assert sorted(notebook08._CAUSE.values()) == sorted(notebook08.CAUSES)
    assert "relu" in repr(networks["A"]) and "bias" not in repr(networks["A"])


@pytest.mark.parametrize("name", MYSTERY_NAMES)
def test_unfixed_the_network_does_not_learn(name):
    for seed in SEEDS:
        run = train_digits(mystery_networks()[name].setup, seed=seed)
        assert run.diverged or run.final_loss > FAILS, (name, seed, run.final_loss)


def final_loss(fixed, seed):
    """Train the fixed network as train_digits does; a sigmoid network with notebook 04's
    biases is built here (DigitsNetwork has one bias value for every hidden unit)."""
    if not (isinstance(fixed, tuple) and fixed[0] == SIGMOID_CHI_1):
        return train_digits(fixed, seed=seed).final_loss
    setup = fixed[1]
    net = digits_network(setup, seed)
    for weights, biases in zip(net.weights[1:], net.biases[1:]):  # layers fed by sigmoids
        biases[:] = -0.5 * weights.sum(axis=0)
    split = course_split()
    history = train(net, split.X_train, split.y_train, steps=300, loss_fn=softmax_cross_entropy,
                    optimizer=make_optimizer(setup.optimizer, setup.lr),
                    batch_size=setup.batch_size, clip_norm=setup.clip_norm, seed=[seed, 1])
    if history.diverged_at is not None:
        return math.inf
    return float(np.mean(history.loss[-FINAL_STEPS:]))


def test_the_sigmoid_recipe_needs_its_biases():
    """Without the biases that cancel sigmoid's mean, 4 x LeCun alone stays at ln 10: it is the
    pair that makes chi = 1 (notebook 04)."""
    setup = with_fix(mystery_networks()["B"].setup, "init for chi = 1")[1]
    assert all(train_digits(setup, seed=seed).final_loss > 2.2 for seed in SEEDS)


@pytest.mark.parametrize("fix", FIXES)
@pytest.mark.parametrize("name", MYSTERY_NAMES)
def test_the_accepted_fixes_work_and_the_others_do_not(name, fix):
    fixed = with_fix(mystery_networks()[name].setup, fix)
    losses = [final_loss(fixed, seed) for seed in SEEDS]
    if fix in notebook08._WORKING_FIXES[name]:
        assert max(losses) < WORKS, (name, fix, losses)
    else:
        assert all(loss > FAILS or math.isinf(loss) for loss in losses), (name, fix, losses)
        assert (name, fix) in notebook08._FIX_REASONS, (name, fix)
