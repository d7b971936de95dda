"""Notebook 04's figure: the std of a^[l] per layer under each initialization scheme."""
import math
import time
import warnings

import numpy as np
import pytest

from helpers import gain
from helpers.figures import FIGURES
from helpers.figures.notebook04 import (
    MAX_DEPTH,
    SCHEME_NAMES,
    _base_weights,
    activation_stds,
    growth_per_layer,
    initialization_through_depth,
    scheme_init,
    scheme_label,
)

WIDTH = 128


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_linear_network_keeps_the_predicted_factor_per_layer():
    # linear g: Var(z^[l]) = n Var(W) Var(a^[l-1]), so the std changes by sqrt(n Var(W)) per layer
    expected = {"lecun": 1.0, "he": math.sqrt(2), "classic_uniform": 1 / math.sqrt(3),
                "too_small": 0.01 * math.sqrt(WIDTH)}
    for scheme, factor in expected.items():
        stds = activation_stds(scheme, "linear", depth=50, width=WIDTH)
        assert stds.shape == (51,)
        assert growth_per_layer(stds) == pytest.approx(factor, rel=0.05), scheme


def test_relu_halves_the_second_moment_so_lecun_shrinks_by_sqrt2_and_he_holds():
    assert growth_per_layer(activation_stds("lecun", "relu", 50, WIDTH)) == pytest.approx(
        1 / math.sqrt(2), rel=0.05)
    assert growth_per_layer(activation_stds("xavier", "relu", 50, WIDTH)) == pytest.approx(
        1 / math.sqrt(2), rel=0.05)
    assert growth_per_layer(activation_stds("he", "relu", 50, WIDTH)) == pytest.approx(1, rel=0.05)


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
    huge = activation_stds("too_large", "linear", MAX_DEPTH, 256)
    assert np.all(np.isfinite(huge)) and huge[-1] > 1e100


def test_curves_are_cached_and_depth_only_slices_them():
    first = activation_stds("he", "relu", 20, 64, seed=3)
    again = activation_stds("he", "relu", 60, 64, seed=3)
    np.testing.assert_array_equal(first, again[:21])
    assert _base_weights("he", 64, 3) is _base_weights("he", 64, 3)
    assert not again.flags.writeable
    other_seed = activation_stds("he", "relu", 20, 64, seed=4)
    assert not np.array_equal(first, other_seed)


def test_scheme_init_applies_the_gain_only_to_lecun_gain():
    assert scheme_init("lecun_gain", "tanh") == ("lecun", pytest.approx(gain("tanh")))
    assert scheme_init("lecun_gain", "relu") == ("lecun", pytest.approx(math.sqrt(2)))
    assert scheme_init("too_small", "tanh") == ("normal", 0.01)
    assert "LeCun" in scheme_label("lecun")


@pytest.mark.parametrize("kwargs, message", [
    ({"scheme": "glorot"}, "unknown scheme 'glorot'; choose one of: zeros"),
    ({"activation": "softplus"}, "activation must be one of"),
    ({"depth": 0}, "depth must be a whole number between 1 and 100"),
    ({"depth": MAX_DEPTH + 1}, "depth must be"),
    ({"width": 1}, "width must be a whole number >= 2"),
    ({"width": 8.0}, "width must be"),
])
def test_bad_input_names_what_is_allowed(kwargs, message):
    arguments = {"scheme": "lecun", "activation": "tanh", "depth": 10, "width": 16, **kwargs}
    with pytest.raises(ValueError, match=message):
        activation_stds(**arguments)


def test_figure_is_registered_and_every_bench_move_redraws():
    builder, moves = FIGURES["04_initialization"]
    live = builder()
    assert set(live.controls) == {"scheme", "activation", "depth", "width"}
    assert {option[1] for option in live.controls["scheme"].options} == set(SCHEME_NAMES)
    for move in moves:
        before = live.image.value
        live.set(**move)
        assert live.image.value[:4] == b"\x89PNG"
        assert live.image.value != before or move.get("scheme") == "lecun"
    note = live.fig.axes[0].texts[0]  # the message drawn inside the figure
    live.set(scheme="zeros", activation="relu", depth=30)
    assert "exactly 0 from layer 1" in note.get_text()
    live.set(scheme="he", depth=50)
    assert "std of a^[50]" in note.get_text()


def test_cached_redraw_is_fast():
    live = initialization_through_depth()
    live.set(depth=40)  # warm: the curve is cached after the first frame
    times = []
    for depth in (20, 30, 40, 50, 60):
        started = time.perf_counter()
        live.set(depth=depth)
        times.append(time.perf_counter() - started)
    # the target is 50 ms; a loose bound here, as the test machine may be busy
    assert np.median(times) < 0.5


def test_growth_per_layer_is_the_geometric_mean_factor():
    assert growth_per_layer([1.0, 2.0, 4.0, 8.0]) == pytest.approx(2.0)
    assert growth_per_layer([2.0, 0.0]) == 0.0
