"""helpers.models.optimizers: SGD and Adam return the step they take, so a training loop can
measure it; Adam's first steps, its bias correction, its eps, and bad settings named."""
import numpy as np
import pytest

from helpers.models.optimizers import SGD, Adam, make_optimizer


def test_sgd_steps_against_the_gradient_and_returns_the_step():
    params = {"w": np.array([1.0, 2.0])}
    before = params["w"]
    step = SGD(lr=0.5).update(params, {"w": np.array([2.0, -4.0])})
    np.testing.assert_allclose(step["w"], [-1.0, 2.0])
    np.testing.assert_allclose(params["w"], [0.0, 4.0])
    assert before is not params["w"]  # a new array: whoever held the old one keeps it unchanged
    np.testing.assert_allclose(before, [1.0, 2.0])


def test_adam_first_step_moves_each_entry_by_lr_against_the_gradient_sign():
    params = {"w": np.array([1.0, -2.0, 3.0])}
    grads = {"w": np.array([0.5, -1e-3, 40.0])}
    Adam(lr=0.1).update(params, grads)
    # m_hat = g and v_hat = g^2 after one step, so the step is lr * g / (|g| + eps)
    np.testing.assert_allclose(params["w"], [0.9, -1.9, 2.9], rtol=1e-6)


def test_adam_bias_correction_makes_every_step_lr_sized_for_a_constant_gradient():
    """With g constant, m_hat = g and v_hat = g^2 exactly at every step (the corrections
    undo the zero start), so each step moves lr * g / (|g| + eps): ~lr, from the first on.
    Without the corrections the first steps would be (1 - beta1) / sqrt(1 - beta2) ~ 3x off."""
    params = {"w": np.array([1.0, -2.0])}
    adam = Adam(lr=0.05, beta1=0.8, beta2=0.9, eps=1e-12)
    for _ in range(5):
        adam.update(params, {"w": np.array([3.0, -0.5])})
    np.testing.assert_allclose(params["w"], [1.0 - 5 * 0.05, -2.0 + 5 * 0.05], rtol=1e-9)


def test_adam_scales_every_entry_alike_whatever_its_gradient_size():
    """The property notebook 08 leans on: one Adam step moves an entry with gradient 1e-4 as far
    as one with gradient 1e3 (both well above eps), and an entry with gradient 0 not at all."""
    step = Adam(lr=0.01).step({"w": np.array([1e-4, 1e3, 0.0])})["w"]
    np.testing.assert_allclose(step[:2], [-0.01, -0.01], rtol=1e-3)
    assert step[2] == 0.0
    # far below eps the step shrinks with the gradient: lr * g / eps
    tiny = Adam(lr=0.01).step({"w": np.array([1e-12])})["w"]
    assert abs(tiny[0]) < 1e-5


@pytest.mark.parametrize("make, phrase", [
    (lambda: SGD(lr=0), "lr"),
    (lambda: Adam(lr=-1.0), "lr"),
    (lambda: Adam(beta1=1.0), "beta1"),
    (lambda: Adam(beta2=-0.1), "beta2"),
    (lambda: Adam(eps=0.0), "eps"),
    (lambda: make_optimizer("rmsprop", 0.1), "optimizer"),
])
def test_bad_settings_are_named(make, phrase):
    with pytest.raises(ValueError, match=phrase):
        make()


def test_make_optimizer():
    assert isinstance(make_optimizer("adam", 0.001), Adam)
    sgd = make_optimizer("sgd", 0.1)
    assert type(sgd) is SGD and sgd.lr == 0.1 and repr(sgd) == "SGD(lr=0.1)"
