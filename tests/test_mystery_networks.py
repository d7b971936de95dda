"""Notebook 08's mystery networks: each fails as its checker says, and the checker's fixes are
the ones that work — every network is trained with every fix of FIXES (300 steps, two seeds):
an accepted fix brings the loss below 1.5 with no run diverging, a rejected one leaves it above
1.6 (or NaN), and every rejected fix gets its own reason."""
import math

import pytest

from helpers.exercises import notebook08
from helpers.exercises.notebook08 import FIXES, MYSTERY_NAMES, mystery_networks
from helpers.models.digits import train_digits

SEEDS = (0, 1)
WORKS, FAILS = 1.5, 1.6


def with_fix(setup, fix):
    """The network after the change ``fix`` names (the way a learner would make it)."""
    if fix == "init for chi = 1":
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


@pytest.mark.parametrize("fix", FIXES)
@pytest.mark.parametrize("name", MYSTERY_NAMES)
def test_the_accepted_fixes_work_and_the_others_do_not(name, fix):
    setup = with_fix(mystery_networks()[name].setup, fix)
    losses = [train_digits(setup, seed=seed).final_loss for seed in SEEDS]
    if fix in notebook08._WORKING_FIXES[name]:
        assert max(losses) < WORKS, (name, fix, losses)
    else:
        assert all(loss > FAILS or math.isinf(loss) for loss in losses), (name, fix, losses)
        assert (name, fix) in notebook08._FIX_REASONS, (name, fix)
