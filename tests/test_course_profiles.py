"""helpers.course.notebook01-04: the per-layer numbers behind notebooks 01-04, checked against
direct computations and the facts the notebooks state."""
import math
import re

import numpy as np
import pytest

from helpers import MLP, gain, initialize
from helpers.course import notebook02, notebook03
from helpers.course.notebook01 import SIZES_MAX_DEPTH, activation_sizes, unit_weights
from helpers.course.notebook02 import gradient_profile
from helpers.course.notebook03 import layer_histograms
from helpers.course.notebook04 import (
    SCHEME_NAMES,
    STDS_MAX_DEPTH,
    activation_stds,
    growth_per_layer,
    scheme_init,
    scheme_label,
)

# ----- notebook 01: activation_sizes ----------------------------------------------------------


def test_scaled_identity_gives_exactly_the_powers_of_w():
    sizes, net = activation_sizes(40, 1.5)
    np.testing.assert_allclose(sizes, 1.5 ** np.arange(41), rtol=1e-13)
    assert net.first_nonfinite_layer is None


def test_float64_overflows_at_layer_1751_and_underflows_to_zero_at_1075():
    _, net = activation_sizes(2000, 1.5)
    assert net.first_nonfinite_layer == 1751  # 1.5**1751 > 1.8e308 > 1.5**1750
    sizes, _ = activation_sizes(2000, 0.5)
    assert np.flatnonzero(sizes == 0)[0] == 1075  # 0.5**1075 is below the smallest subnormal


def test_gaussian_entries_grow_by_about_sqrt_n_and_lecun_keeps_the_size():
    depth, width = 30, 64
    plain, _ = activation_sizes(depth, 1.0, kind="Gaussian, std w", width=width)
    lecun, _ = activation_sizes(depth, 1.0, kind="Gaussian, std w/√n", width=width)
    assert (plain[-1] / plain[0]) ** (1 / depth) == pytest.approx(math.sqrt(width), rel=0.1)
    assert (lecun[-1] / lecun[0]) ** (1 / depth) == pytest.approx(1.0, rel=0.1)


def test_the_scale_rescales_one_fixed_draw():
    small, _ = activation_sizes(5, 0.5, kind="Gaussian, std w", width=8)
    large, _ = activation_sizes(5, 2.0, kind="Gaussian, std w", width=8)
    np.testing.assert_allclose(large / small, 4.0 ** np.arange(6), rtol=1e-12)  # linear net
    assert unit_weights("normal", 8, 0).first(1)[0].flags.writeable is False


def test_a_deeper_depth_continues_the_same_draw():
    """Matrices are drawn only as deep as asked; a deeper depth draws more from the same
    generator, so depths 200 and 2000 agree on their first 200 layers, and a fresh draw of
    the whole depth at once is the same."""
    at_200, _ = activation_sizes(200, 1.0, kind="Gaussian, std w/√n", width=4, seed=2)
    at_2000, _ = activation_sizes(SIZES_MAX_DEPTH, 1.0, kind="Gaussian, std w/√n", width=4, seed=2)
    np.testing.assert_array_equal(at_200, at_2000[:201])
    rng = np.random.default_rng(2)
    at_once = [initialize("lecun", (4, 4), rng) for _ in range(SIZES_MAX_DEPTH)]
    for B, again in zip(unit_weights("lecun", 4, 2).first(SIZES_MAX_DEPTH), at_once):
        np.testing.assert_array_equal(B, again)


@pytest.mark.parametrize("kwargs, message", [
    ({"kind": "orthogonal"}, "kind must be one of 'w·I (scaled identity)'"),
    ({"depth": 2001}, "depth must be a whole number from 1 to 2000"),
])
def test_activation_sizes_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        activation_sizes(**({"depth": 10, "weight_scale": 1.0} | kwargs))


# ----- notebook 02: gradient_profile ----------------------------------------------------------

def test_linear_gradients_follow_the_product_of_the_transposed_weights():
    """dL/da^[l] = dL/da^[L] W^[L]^T ... W^[l+1]^T, computed here by explicit matrix products."""
    depth = 6
    profile = gradient_profile(depth, 0.9, activation="linear", init="lecun", width=8)
    base, _, dout = notebook02.unit_draws("lecun", 8, 0)
    carried = dout
    for l in range(depth, 0, -1):  # layer l's output gradient, then one step down
        assert np.isclose(profile.signal_grads[l - 1], np.linalg.norm(carried), rtol=1e-12)
        carried = carried @ (0.9 * base[l - 1]).T


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
    base, X, dout = notebook02.unit_draws("he", 8, 0)
    net = MLP.from_weights([1.2 * B for B in base[:5]], activation="tanh")
    net.forward(X)
    grads = net.backward(dout)
    np.testing.assert_allclose(profile.weight_grads, [np.linalg.norm(g) for g in grads["weights"]])


def test_sigmoid_gradients_vanish_towards_the_input_layer_by_layer():
    profile = gradient_profile(50, 1.0, activation="sigmoid", init="xavier")
    assert profile.weight_grads[0] / profile.weight_grads[-1] < 1e-20
    assert np.all(np.diff(np.log10(profile.weight_grads[:-1])) > 0)


def test_relu_weight_gradients_are_level_but_the_level_explodes():
    calm = gradient_profile(100, 1.0, activation="relu", init="he")
    hot = gradient_profile(100, 1.5, activation="relu", init="he")
    for profile in (calm, hot):
        spread = np.log10(profile.weight_grads.max() / profile.weight_grads.min())
        assert spread < 1.5  # within ~1 decade across 100 layers
    assert np.median(hot.weight_grads / calm.weight_grads) > 1e15


@pytest.mark.parametrize("kwargs, message", [
    ({"init": "orthogonal"}, "init must be one of 'xavier', 'he', 'lecun'"),
    ({"depth": 0}, "depth must be a whole number from 1 to 200"),
    ({"depth": 201}, "depth must be a whole number from 1 to 200"),
    ({"depth": 2.5}, "depth must be a whole number"),
    ({"activation": "tahn"}, "activation must be one of 'linear', 'sigmoid'"),
])
def test_gradient_profile_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gradient_profile(**({"depth": 10, "weight_scale": 1.0} | kwargs))


# ----- notebook 03: layer_histograms ----------------------------------------------------------

def test_histograms_count_every_entry_once_per_layer():
    hist = layer_histograms("relu", "he", 1.0)
    assert hist.act_pct.shape == (hist.hidden_layers, notebook03.HISTOGRAM_BINS)
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
    net.forward(rng.normal(size=(notebook03.HISTOGRAM_BATCH, 16)))
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


def test_unbounded_activations_get_ranges_rounded_to_nice_numbers():
    hist = layer_histograms("relu", "he", 1.0)
    assert hist.act_edges[0] == 0.0  # ReLU outputs are >= 0
    top = hist.act_edges[-1]
    assert top / 10 ** np.floor(np.log10(top)) in (1.0, 2.0, 2.5, 5.0, 10.0)
    assert hist.grad_edges[0] % 2 == 0 and hist.grad_edges[-1] % 2 == 0  # even decades


def test_histograms_reject_an_unknown_init():
    with pytest.raises(ValueError, match="init must be one of 'classic_uniform', 'xavier', 'he'"):
        layer_histograms("tanh", "zeros", 1.0)


# ----- notebook 04: activation_stds -----------------------------------------------------------

WIDTH = 128


def test_linear_network_keeps_the_predicted_factor_per_layer():
    # linear g: Var(z^[l]) = n Var(W) Var(a^[l-1]), so the std changes by sqrt(n Var(W)) per layer
    expected = {"lecun": 1.0, "he": math.sqrt(2), "classic_uniform": 1 / math.sqrt(3),
                "too_small": 0.01 * math.sqrt(WIDTH)}
    for scheme, factor in expected.items():
        stds = activation_stds(scheme, "linear", depth=50, width=WIDTH)
        assert stds.shape == (51,)
        assert growth_per_layer(stds) == pytest.approx(factor, rel=0.05), scheme


def test_relu_halves_the_second_moment_so_lecun_shrinks_by_sqrt2_and_he_holds():
    for scheme, factor in (("lecun", 1 / math.sqrt(2)), ("xavier", 1 / math.sqrt(2)), ("he", 1)):
        stds = activation_stds(scheme, "relu", 50, WIDTH)
        assert growth_per_layer(stds) == pytest.approx(factor, rel=0.05), scheme


def test_tanh_lecun_decays_slowly_and_the_gain_holds_it_steady():
    lecun = activation_stds("lecun", "tanh", 50, WIDTH)
    with_gain = activation_stds("lecun_gain", "tanh", 50, WIDTH)
    assert lecun[50] < 0.5 * lecun[1]
    assert 0.8 < with_gain[50] / with_gain[1] < 1.2
    too_large = activation_stds("too_large", "tanh", 50, WIDTH)
    assert np.all(too_large[1:] > 0.9)  # saturated: |a| near 1 everywhere


def test_zeros_give_exact_zeros_and_too_large_relu_stays_finite():
    zeros = activation_stds("zeros", "relu", 10, WIDTH)
    assert zeros[0] > 0 and np.all(zeros[1:] == 0)
    huge = activation_stds("too_large", "linear", STDS_MAX_DEPTH, 256)
    assert np.all(np.isfinite(huge)) and huge[-1] > 1e100  # squaring 1e100s would overflow


def test_a_curve_continued_deeper_is_the_same_curve():
    first = activation_stds("he", "relu", 20, 64, seed=3)
    again = activation_stds("he", "relu", 60, 64, seed=3)
    np.testing.assert_array_equal(first, again[:21])
    assert not again.flags.writeable
    assert not np.array_equal(first, activation_stds("he", "relu", 20, 64, seed=4))


def test_stds_are_those_of_the_network_a_equals_g_of_a_w_drawn_in_order():
    """Rebuilt by hand: B^[1], B^[2], ... from one generator, g after every layer, no bias."""
    width, depth, seed = 16, 12, 5
    a = np.random.default_rng([seed, width]).normal(size=(64, width))
    rng = np.random.default_rng(seed)
    expected = [a.std()]
    for _ in range(depth):
        a = np.tanh(a @ (gain("tanh") * initialize("lecun", (width, width), rng)))
        expected.append(a.std())
    got = activation_stds("lecun_gain", "tanh", depth, width, seed=seed)
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_scheme_init_applies_the_gain_only_to_lecun_gain():
    assert scheme_init("lecun_gain", "tanh") == ("lecun", pytest.approx(gain("tanh")))
    assert scheme_init("lecun_gain", "relu") == ("lecun", pytest.approx(math.sqrt(2)))
    assert scheme_init("too_small", "tanh") == ("normal", 0.01)
    assert "LeCun" in scheme_label("lecun") and len(SCHEME_NAMES) == 9


@pytest.mark.parametrize("kwargs, message", [
    ({"scheme": "glorot"}, "scheme must be one of 'zeros'"),
    ({"activation": "softplus"}, "activation must be one of"),
    ({"depth": 0}, "depth must be a whole number from 1 to 100"),
    ({"depth": STDS_MAX_DEPTH + 1}, "depth must be"),
    ({"width": 1}, "width must be a whole number >= 2"),
    ({"width": 8.0}, "width must be"),
])
def test_activation_stds_names_what_is_allowed(kwargs, message):
    arguments = {"scheme": "lecun", "activation": "tanh", "depth": 10, "width": 16, **kwargs}
    with pytest.raises(ValueError, match=message):
        activation_stds(**arguments)


def test_growth_per_layer_is_the_geometric_mean_factor():
    assert growth_per_layer([1.0, 2.0, 4.0, 8.0]) == pytest.approx(2.0)
    assert growth_per_layer([2.0, 0.0]) == 0.0
