"""helpers.math.stack, the one forward/backward core: every option gradient-checked, and the
networks built on it agree with the same formulas written out."""
import numpy as np
import pytest

from helpers.math.gradcheck import numerical_gradient, rel_error
from helpers.math.layers import batchnorm_forward, layernorm_forward
from helpers.math.stack import (Layer, layer_backward, layer_forward, residual_block,
                                stack_backward, stack_forward)

N, WIDTH = 5, 4
NORMS = {"none": None,
         "batch": lambda x: batchnorm_forward(x, np.linspace(0.5, 2.0, WIDTH), np.full(WIDTH, 0.1)),
         "layer": lambda x: layernorm_forward(x, np.linspace(0.5, 2.0, WIDTH), np.full(WIDTH, -0.2))}
# (order, skip, norm, bias) -- every combination the course's networks use
OPTIONS = [(pre, skip, norm, bias)
           for pre in (False, True) for skip in (None, 0.7)
           for norm in NORMS for bias in (True, False)]


def _layer(rng, activation, preactivation, branch_scale, norm, bias):
    W = rng.normal(size=(WIDTH, WIDTH)) / np.sqrt(WIDTH)
    b = rng.normal(size=WIDTH) if bias else None
    return Layer(W, b, activation, preactivation, branch_scale, NORMS[norm])


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "leaky_relu"])
@pytest.mark.parametrize("preactivation, branch_scale, norm, bias", OPTIONS)
def test_layer_backward_matches_numerical_gradients(activation, preactivation, branch_scale,
                                                    norm, bias):
    rng = np.random.default_rng(7)
    layer = _layer(rng, activation, preactivation, branch_scale, norm, bias)
    a = rng.normal(size=(N, WIDTH))
    dout = rng.normal(size=(N, WIDTH))
    dout_before = dout.copy()
    out, cache = layer_forward(a, layer)
    grads = layer_backward(dout, cache)
    np.testing.assert_array_equal(dout, dout_before)  # backward never writes to dout

    def forward():
        return layer_forward(a, layer)[0]

    assert rel_error(grads.dx, numerical_gradient(forward, a, dout)) < 1e-7
    assert rel_error(grads.dW, numerical_gradient(forward, layer.W, dout)) < 1e-7
    if bias and norm == "batch" and not preactivation:
        # batch norm subtracts the bias out with the mean: its gradient is 0 (numerically ~1e-11)
        assert np.abs(grads.db).max() < 1e-12
        assert np.abs(numerical_gradient(forward, layer.b, dout)).max() < 1e-8
    elif bias:
        assert rel_error(grads.db, numerical_gradient(forward, layer.b, dout)) < 1e-7
    else:
        assert grads.db is None
    assert (grads.dgamma is None) == (norm == "none")


def test_stack_backward_chains_the_layers():
    rng = np.random.default_rng(2)
    layers = [_layer(rng, "tanh", pre, skip, "none", True)
              for pre, skip in [(False, None), (True, 0.5), (False, 1.0), (False, None)]]
    x, dout = rng.normal(size=(N, WIDTH)), rng.normal(size=(N, WIDTH))

    def forward():
        return list(stack_forward(x, layers))[-1][0]

    grads = stack_backward(dout, [cache for _, cache in stack_forward(x, layers)])
    assert len(grads) == 4
    assert rel_error(grads[0].dx, numerical_gradient(forward, x, dout)) < 1e-7
    assert rel_error(grads[2].dW, numerical_gradient(forward, layers[2].W, dout)) < 1e-7


def test_the_orders_compute_what_their_formulas_say():
    rng = np.random.default_rng(4)
    a, W, b = rng.normal(size=(N, WIDTH)), rng.normal(size=(WIDTH, WIDTH)), rng.normal(size=WIDTH)
    post, _ = layer_forward(a, Layer(W, b, "tanh"))
    pre, _ = layer_forward(a, Layer(W, b, "tanh", preactivation=True, branch_scale=0.5))
    np.testing.assert_allclose(post, np.tanh(a @ W + b), rtol=1e-15)
    np.testing.assert_allclose(pre, a + 0.5 * (np.tanh(a) @ W + b), rtol=1e-15)
    np.testing.assert_allclose(residual_block(a, W, b, 0.5), a + 0.5 * np.tanh(a @ W + b),
                               rtol=1e-15)


def test_the_saved_output_gives_the_slope():
    """D^[l] of the Jacobian, from the cache: tanh'(z) = 1 - tanh(z)^2."""
    rng = np.random.default_rng(5)
    a, W = rng.normal(size=(N, WIDTH)), rng.normal(size=(WIDTH, WIDTH))
    _, cache = layer_forward(a, Layer(W, None, "tanh"))
    np.testing.assert_allclose(cache.slope, 1 - np.tanh(a @ W) ** 2, rtol=1e-14)
    np.testing.assert_array_equal(cache.z, a @ W)
