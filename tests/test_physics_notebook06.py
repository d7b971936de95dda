"""Notebook 06's claim about the backward factor of a residual block: 1 + chi_branch holds on
average; in a narrow network single blocks scatter around it and some dip below 1, without
compounding (review of 2026-12-02, item 10)."""
import math

import numpy as np
import pytest

from helpers import mse_loss
from helpers.course.notebook06 import circles, circles_network


def block_factors(width, seed, depth=50):
    """Per block: the mean squared gradient below it over the one above it, over the batch of
    200 circle points (blocks,) and for each point (blocks, 200)."""
    X, y = circles()
    net = circles_network(depth, True, activation="relu", branch_scale=1 / math.sqrt(depth),
                        width=width, seed=seed)
    _, dout = mse_loss(net.forward(X), y)
    grads = net.backward(dout)["activations"]
    batch = np.array([np.mean(grads[k] ** 2) / np.mean(grads[k + 1] ** 2)
                      for k in range(1, depth - 1)])
    points = np.array([np.sum(grads[k] ** 2, axis=1) / np.sum(grads[k + 1] ** 2, axis=1)
                       for k in range(1, depth - 1)])
    return batch, points


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_narrow_blocks_dip_below_one_but_the_average_lifts(seed):
    batch, points = block_factors(16, seed)
    assert 0.1 < np.mean(batch < 1) < 0.6          # some blocks shrink the batch's gradient
    assert np.mean(points < 1) > np.mean(batch < 1) - 0.05   # single points more often
    assert batch.min() > 0.75                      # a little, never by much
    assert np.exp(np.mean(np.log(batch))) > 1.0   # on average: 1 + chi_branch > 1
    assert np.prod(batch) > 1.0                    # nothing compounds towards zero


def test_wide_blocks_stay_near_one_plus_chi_branch():
    batch, points = block_factors(256, 0)
    assert batch.min() > 0.95 and points.min() > 0.9
    # 1 + chi_branch = 1 + s^2 * 2 * E[relu'^2] ~ 1 + 1/50 on a roughly symmetric stream
    assert abs(np.exp(np.mean(np.log(batch))) - 1.02) < 0.01
