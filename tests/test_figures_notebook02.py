"""Notebook 02's gradient figure and notebook 03's histogram figure: numbers, bad input, speed path."""
import warnings

import numpy as np
import pytest

from helpers import MLP
from helpers.figures import FIGURES
from helpers.figures import notebook03 as histogram_figure
from helpers.figures import notebook02 as gradient_figure
from helpers.figures.notebook03 import layer_histograms, layers_to_show
from helpers.figures.notebook02 import describe, gradient_profile


@pytest.fixture(autouse=True)
def no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ----- notebook 02: per-layer gradient norms ---------------------------------------------

def test_linear_gradients_follow_the_product_of_the_transposed_weights():
    """dL/da^[l] = dL/da^[L] W^[L]^T ... W^[l+1]^T, computed here by explicit matrix products."""
    depth = 6
    profile = gradient_profile(depth, 0.9, activation="linear", init="lecun", width=8)
    net = profile.net
    _, _, dout = gradient_figure._fixed_draws("lecun", 8, 0)
    carried = dout
    for l in range(depth, 0, -1):  # layer l's output gradient, then one step down
        assert np.isclose(profile.signal_grads[l - 1], np.linalg.norm(carried), rtol=1e-12)
        carried = carried @ net.weights[l - 1].T


def test_scaling_every_weight_by_s_scales_the_gradients_by_powers_of_s():
    depth, scale = 12, 1.7
    base = gradient_profile(depth, 1.0, activation="linear", init="xavier", width=16)
    scaled = gradient_profile(depth, scale, activation="linear", init="xavier", width=16)
    layers = np.arange(1, depth + 1)
    # the backward signal at layer l passes through L - l transposed weight matrices ...
    np.testing.assert_allclose(scaled.signal_grads / base.signal_grads, scale ** (depth - layers),
                               rtol=1e-10)
    # ... and the weight gradient a^[l-1]^T dL/dz^[l] picks up l - 1 more on the forward side
    np.testing.assert_allclose(scaled.weight_grads / base.weight_grads, scale ** (depth - 1),
                               rtol=1e-10)


def test_profile_matches_a_network_built_directly():
    profile = gradient_profile(5, 1.2, activation="tanh", init="he", width=8)
    base, X, dout = gradient_figure._fixed_draws("he", 8, 0)
    net = MLP.from_weights([1.2 * B for B in base[:5]], activation="tanh")
    net.forward(X)
    grads = net.backward(dout)
    np.testing.assert_allclose(profile.weight_grads, [np.linalg.norm(g) for g in grads["weights"]])


def test_sigmoid_gradients_vanish_towards_the_input_and_the_note_says_so():
    profile = gradient_profile(50, 1.0, activation="sigmoid", init="xavier")
    assert profile.weight_grads[0] / profile.weight_grads[-1] < 1e-20
    assert np.all(np.diff(np.log10(profile.weight_grads[:-1])) > 0)  # steadily, layer by layer
    assert "decades smaller" in describe(profile)


def test_relu_weight_gradients_are_level_but_the_level_explodes():
    calm = gradient_profile(100, 1.0, activation="relu", init="he")
    hot = gradient_profile(100, 1.5, activation="relu", init="he")
    for profile in (calm, hot):
        spread = np.log10(profile.weight_grads.max() / profile.weight_grads.min())
        assert spread < 1.5  # within ~1 decade across 100 layers
    assert np.median(hot.weight_grads / calm.weight_grads) > 1e15


@pytest.mark.parametrize("kwargs, message", [
    ({"init": "orthogonal"}, "choose one of: xavier, he, lecun"),
    ({"depth": 0}, "between 1 and 200"),
    ({"depth": 201}, "between 1 and 200"),
    ({"depth": 2.5}, "whole number"),
    ({"activation": "tahn"}, "activation must be one of 'linear', 'sigmoid'"),
])
def test_gradient_profile_rejects_bad_settings(kwargs, message):
    settings = {"depth": 10, "weight_scale": 1.0} | kwargs
    with pytest.raises(ValueError, match=message):
        gradient_profile(**settings)


def test_describe_reports_overflow_instead_of_a_ratio():
    overflowing = gradient_figure.GradientProfile(np.array([np.inf, 1.0]), np.ones(2), None)
    assert describe(overflowing).startswith("overflow")
    underflowing = gradient_figure.GradientProfile(np.array([0.0, 1.0]), np.ones(2), None)
    assert describe(underflowing).startswith("underflow")


def test_gradient_figure_moves_through_every_bench_setting():
    builder, moves = FIGURES["02_gradients_through_depth"]
    live = builder()
    for move in moves + [{"depth": 200, "weight_scale": 3.0, "activation": "linear"}]:
        live.set(**move)
        assert live.image.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert "dL/dW" in live.status.value
    with pytest.raises(ValueError, match="this figure has: depth, weight_scale"):
        live.set(width=3)


# ----- notebook 03: per-layer histograms -------------------------------------------------

def test_histograms_count_every_entry_once_per_layer():
    hist = layer_histograms("relu", "he", 1.0)
    assert hist.act_pct.shape == (hist.hidden_layers, histogram_figure.BINS)
    np.testing.assert_allclose(hist.act_pct.sum(axis=1), 100.0)
    # nonzero gradient entries are binned, exact zeros counted apart: together 100 %
    np.testing.assert_allclose(hist.grad_pct.sum(axis=1) + hist.grad_zero_pct, 100.0)
    assert np.all(hist.grad_zero_pct > 20)  # roughly half the ReLUs are off for a given input


def test_tanh_saturates_with_large_weights_and_not_with_small_ones():
    large = layer_histograms("tanh", "xavier", 3.0)
    small = layer_histograms("tanh", "xavier", 0.5)
    assert np.all(large.saturated_pct > 35)
    assert np.all(small.saturated_pct < 0.1)  # at most a stray entry or two
    np.testing.assert_array_equal(large.act_edges[[0, -1]], [-1.0, 1.0])
    # saturated units sit in the outermost bins, at -1 and +1
    assert large.act_pct[-1, [0, -1]].sum() > 40


def test_saturation_matches_a_direct_count_of_tanh_above_097():
    hist = layer_histograms("tanh", "xavier", 2.0, hidden_layers=4, width=16)
    rng = np.random.default_rng(0)
    net = MLP([16] * 6, activation="tanh", init="xavier", weight_scale=2.0, seed=rng)
    net.forward(rng.normal(size=(histogram_figure.BATCH_SIZE, 16)))
    direct = [100 * np.mean(np.abs(a) > 0.97) for a in net.activations[1:5]]
    np.testing.assert_allclose(hist.saturated_pct, direct)


def test_classic_uniform_init_shrinks_tanh_activations_layer_by_layer():
    hist = layer_histograms("tanh", "classic_uniform", 1.0)
    centres = (hist.act_edges[:-1] + hist.act_edges[1:]) / 2
    spread = np.array([np.sqrt(np.sum(row / 100 * centres**2)) for row in hist.act_pct])
    # Var(W) = 1/(3n) shrinks the signal about sqrt(3)-fold per layer, until it fits in the
    # two central bins (where a histogram can no longer tell the layers apart)
    assert np.all(np.diff(spread[:6]) < 0)
    assert spread[-1] < 0.1 * spread[0]


def test_layers_to_show_spreads_at_most_five_layers():
    assert layers_to_show(1, 10) == [1, 3, 6, 8, 10]
    assert layers_to_show(4, 6) == [4, 5, 6]
    assert layers_to_show(7, 7) == [7]
    with pytest.raises(ValueError, match="first <= last"):
        layers_to_show(5, 2)


def test_histograms_reject_an_unknown_init():
    with pytest.raises(ValueError, match="choose one of: classic_uniform, xavier, he"):
        layer_histograms("tanh", "zeros", 1.0)


def test_histogram_figure_moves_through_every_bench_setting():
    builder, moves = FIGURES["03_activation_histograms"]
    live = builder()
    first_png = live.image.value
    for move in moves:
        live.set(**move)
        assert live.image.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert "layer" in live.status.value
    live.set(activation="tanh", init="classic_uniform", weight_scale=1.0, layers=(1, 10))
    assert live.image.value == first_png  # the cached, blitted frame is the same picture


def test_range_slider_picks_a_whole_number_range():
    from helpers.live.widgets import range_slider

    slider = range_slider((2, 5), 1, 10, "layers shown")
    assert slider.value == (2, 5) and (slider.min, slider.max, slider.step) == (1, 10, 1)
    slider.value = (0, 12)  # the widget clamps to its range
    assert slider.value == (1, 10)


def test_small_weight_scale_moves_keep_the_histogram_axes():
    """Rounded ranges: a scale step of 0.05 usually leaves every axis as it was (no full redraw)."""
    live = histogram_figure.activation_histograms(activation="tanh", init="xavier")
    full_redraws = []
    invalidate = live.invalidate_background
    live.invalidate_background = lambda: (full_redraws.append(1), invalidate())
    for scale in (1.05, 1.1, 1.15, 1.2, 1.25, 1.3):
        live.set(weight_scale=scale)
    assert len(full_redraws) <= 3
