"""Batch and layer normalization: gradient checks, what they do to per-layer statistics."""

import numpy as np
import pytest

from helpers.course import notebook07
from helpers.math import layers as norm
from helpers.math.gaussian import gaussian_expectation
from helpers.math.gradcheck import numerical_gradient, rel_error
from helpers.math.stack import Layer, stack_backward, stack_forward



PAIRS = [(norm.batchnorm_forward, norm.batchnorm_backward),
         (norm.layernorm_forward, norm.layernorm_backward)]


@pytest.mark.parametrize("forward, backward", PAIRS)
def test_backward_matches_numerical_gradients(forward, backward):
    rng = np.random.default_rng(0)
    x = rng.normal(2.0, 3.0, size=(5, 4))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    dout = rng.normal(size=(5, 4))
    out, cache = forward(x, gamma, beta)
    dout_before = dout.copy()
    dx, dgamma, dbeta = backward(dout, cache)
    np.testing.assert_array_equal(dout, dout_before)  # backward never mutates dout
    assert rel_error(dx, numerical_gradient(lambda: forward(x, gamma, beta)[0], x, dout)) < 1e-7
    assert rel_error(dgamma, numerical_gradient(
        lambda: forward(x, gamma, beta)[0], gamma, dout)) < 1e-7
    assert rel_error(dbeta, numerical_gradient(
        lambda: forward(x, gamma, beta)[0], beta, dout)) < 1e-7


def test_eval_mode_backward_matches_numerical_gradients():
    """Test-time batch norm uses fixed running statistics: an affine map of x per unit."""
    rng = np.random.default_rng(1)
    x = rng.normal(2.0, 3.0, size=(5, 4))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    mean, var = rng.normal(size=4), rng.uniform(0.5, 2.0, size=4)
    dout = rng.normal(size=(5, 4))

    def forward():
        return norm.batchnorm_eval_forward(x, gamma, beta, mean, var)[0]

    out, cache = norm.batchnorm_eval_forward(x, gamma, beta, mean, var)
    np.testing.assert_allclose(out, gamma * (x - mean) / np.sqrt(var + norm.EPS) + beta)
    dx, dgamma, dbeta = norm.batchnorm_backward(dout, cache)
    for grad, value in ((dx, x), (dgamma, gamma), (dbeta, beta)):
        assert rel_error(grad, numerical_gradient(forward, value, dout)) < 1e-7
    # each example on its own: one image alone gets what it gets inside a batch
    alone = norm.batchnorm_eval_forward(x[:1], gamma, beta, mean, var)[0]
    np.testing.assert_array_equal(alone, out[:1])


def test_training_mode_normalizes_a_single_example_to_beta():
    """Why test time needs running statistics: alone in its batch, every unit of an example is
    its own mean, so training-mode batch norm outputs beta whatever the input."""
    gamma, beta = np.full(3, 2.0), np.array([0.5, -1.0, 0.0])
    out, _ = norm.batchnorm_forward(np.array([[3.0, -7.0, 100.0]]), gamma, beta)
    np.testing.assert_array_equal(out, [beta])


@pytest.mark.parametrize("normalization", notebook07.NORMALIZATIONS)
def test_normalized_network_backward_matches_numerical_gradients(normalization):
    """The layers of notebook 07's normalized network, through the core, gradient-checked."""
    rng = np.random.default_rng(3)
    inputs = rng.normal(size=(4, 5))
    weights = [rng.normal(size=(5, 5)) / np.sqrt(5) for _ in range(3)]
    output_grad = rng.normal(size=(4, 5))
    forward = notebook07.NORMALIZE.get(normalization)
    normalize = None if forward is None else (lambda x: forward(x, np.ones(5), np.zeros(5)))
    layers = [Layer(W, None, "tanh", normalize=normalize) for W in weights]

    def output():
        return list(stack_forward(inputs, layers))[-1][0]

    caches = [cache for _, cache in stack_forward(inputs, layers)]
    grads = stack_backward(output_grad, caches)
    assert rel_error(grads[0].dx, numerical_gradient(output, inputs, output_grad)) < 1e-7


def test_batchnorm_normalizes_units_and_layernorm_normalizes_examples():
    x = np.random.default_rng(1).normal(5.0, 7.0, size=(50, 30))
    ones, zeros = np.ones(30), np.zeros(30)
    batch_out, _ = norm.batchnorm_forward(x, ones, zeros)
    layer_out, _ = norm.layernorm_forward(x, ones, zeros)
    np.testing.assert_allclose(batch_out.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(batch_out.std(axis=0), 1, atol=1e-5)
    np.testing.assert_allclose(layer_out.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(layer_out.std(axis=1), 1, atol=1e-5)


@pytest.mark.parametrize("normalization", ["batch", "layer"])
def test_normalized_network_ignores_the_weight_scale_forward(normalization):
    small = notebook07.normalized_network_profile(30, 64, 0.5, normalization, batch=16)
    large = notebook07.normalized_network_profile(30, 64, 3.0, normalization, batch=16)
    # identical up to the eps added to the variance (it matters a little more for small weights)
    np.testing.assert_allclose(small[0], large[0], rtol=5e-3)
    np.testing.assert_allclose(small[1], large[1], rtol=5e-3)
    assert 0.55 < small[0][-1] < 0.7  # std of tanh(z), z ~ N(0, 1): sqrt(0.394) = 0.63


def test_normalized_tanh_gradient_grows_by_the_predicted_factor():
    # per layer the squared gradient is multiplied by E[tanh'(z)^2] / E[tanh(z)^2] ~ 1.18
    predicted = (gaussian_expectation(lambda h: (1 - np.tanh(h) ** 2) ** 2)
                 / gaussian_expectation(lambda h: np.tanh(h) ** 2))
    assert predicted == pytest.approx(1.178, abs=1e-3)
    _, grads = notebook07.normalized_network_profile(40, 256, 1.0, "batch", batch=64)
    measured = (grads[0] / grads[-1]) ** (2 / 40)
    assert measured == pytest.approx(predicted, rel=0.03)


def test_without_normalization_small_weights_vanish():
    act_std, grads = notebook07.normalized_network_profile(30, 64, 0.5, "none", batch=16)
    assert act_std[-1] < 1e-6 and grads[0] / grads[-1] < 1e-6


@pytest.mark.parametrize("call, match", [
    (lambda: notebook07.normalized_network_profile(5, 8, normalization="group"), "'batch', 'layer'"),
    (lambda: notebook07.normalized_network_profile(0, 8), "depth"),
    (lambda: notebook07.normalized_network_profile(5, 8, weight_scale=-1), "weight_scale"),
    (lambda: notebook07.normalized_network_profile(5, 8, activation="swish"), "tanh"),
    (lambda: norm.layernorm_forward(np.ones(3), np.ones(3), np.zeros(3)), r"\(N, D\)"),
    (lambda: norm.batchnorm_forward(np.ones((2, 3)), np.ones(2), np.zeros(3)), "gamma"),
    (lambda: norm.batchnorm_eval_forward(np.ones((2, 3)), np.ones(3), np.zeros(3), np.zeros(3),
                                         np.ones(2)), "running_var"),
    (lambda: norm.batchnorm_eval_forward(np.ones(3), np.ones(3), np.zeros(3), np.zeros(3),
                                         np.ones(3)), r"\(N, D\)"),
])
def test_bad_input_is_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
