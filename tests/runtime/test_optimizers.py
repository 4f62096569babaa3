"""The runtime's optimizers (switcheroo_runtime.torch_adagrad, torch_rmsprop) step for step against torch's,
running the runtime's own code on numpy (numpy_jax.py stands in for jax.tree, jax.numpy and
optax.GradientTransformation).

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest

import numpy as np
import torch

from numpy_jax import jax_on_numpy, load_runtime


def torch_steps(make_optimizer, start, grads):
    """The parameter after each step of a torch optimizer fed the given gradients."""
    parameter = torch.nn.Parameter(torch.tensor(start, dtype=torch.float64))
    optimizer = make_optimizer([parameter])
    values = []
    for grad in grads:
        optimizer.zero_grad()
        parameter.grad = torch.tensor(grad, dtype=torch.float64)
        optimizer.step()
        values.append(parameter.detach().numpy().copy())
    return values


def runtime_steps(transformation, start, grads):
    """The same, with an Optax-style transformation: updates added to the parameters (optax.apply_updates)."""
    params = {"w": np.array(start, dtype=np.float64)}
    with jax_on_numpy():
        state = transformation.init(params)
        values = []
        for grad in grads:
            updates, state = transformation.update({"w": np.array(grad, dtype=np.float64)}, state, params)
            params = {"w": params["w"] + updates["w"]}
            values.append(params["w"].copy())
    return values


def assert_steps_match(make_torch_optimizer, transformation, start, grads):
    """The runtime's transformation takes torch's steps, to 1e-12, fed the same gradients."""
    theirs = torch_steps(make_torch_optimizer, start, grads)
    ours = runtime_steps(transformation, start, grads)
    for step, (a, b) in enumerate(zip(ours, theirs)):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15, err_msg=f"step {step + 1}")


class AdagradMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_optimizers")
        rng = np.random.default_rng(0)
        cls.start = rng.normal(size=5)
        # gradients from 1e-6 to 1: eps outside the root matters for the small ones
        cls.grads = [rng.normal(size=5) * np.array([1e-6, 1e-5, 1e-3, 0.1, 1.0]) for _ in range(6)]

    def check(self, torch_options, runtime_options):
        with jax_on_numpy():
            transformation = self.runtime.torch_adagrad(**runtime_options)
        assert_steps_match(lambda p: torch.optim.Adagrad(p, **torch_options), transformation, self.start, self.grads)

    def test_defaults(self):
        self.check({"lr": 0.01}, {"learning_rate": 0.01})

    def test_every_option(self):
        options = {"lr_decay": 0.1, "weight_decay": 1e-2, "initial_accumulator_value": 0.5, "eps": 1e-6}
        self.check({"lr": 0.1, **options}, {"learning_rate": 0.1, **options})

    def test_optax_adagrad_differs_by_29_percent_at_small_gradients(self):
        # optax.adagrad's update is g * rsqrt(s + eps) (optax scale_by_rss); torch's g / (sqrt(s) + eps)
        g, eps = 1e-5, 1e-10
        optax_first = g / np.sqrt(g * g + eps)
        torch_first = g / (np.sqrt(g * g) + eps)
        self.assertAlmostEqual(1 - optax_first / torch_first, 0.29, places=2)


def optax_rmsprop_momentum_steps(start, grads, rates, alpha, eps, momentum):
    """optax.rmsprop(eps_in_sqrt=False, momentum=m) as its source chains it: scale_by_rms,
    then scale_by_learning_rate (the injected rate of that step), then trace(momentum)."""
    w, nu, trace, values = np.array(start, dtype=np.float64), 0.0, 0.0, []
    for g, rate in zip(grads, rates):
        nu = alpha * nu + (1 - alpha) * g * g
        trace = momentum * trace - rate * g / (np.sqrt(nu) + eps)
        w = w + trace
        values.append(w.copy())
    return values


def torch_rmsprop_under_multistep(grads):
    """torch's RMSprop (momentum 0.9) under MultiStepLR dropping the rate x0.1 after 6 steps: the
    parameter after each step, and the rate each step was taken with."""
    parameter = torch.nn.Parameter(torch.zeros(3, dtype=torch.float64))
    optimizer = torch.optim.RMSprop([parameter], lr=0.1, alpha=0.99, eps=1e-8, momentum=0.9)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[6], gamma=0.1)
    theirs, rates = [], []
    for g in grads:
        rates.append(optimizer.param_groups[0]["lr"])
        parameter.grad = torch.tensor(g)
        optimizer.step()
        scheduler.step()
        theirs.append(parameter.detach().numpy().copy())
    return theirs, rates


class RmspropMomentumUnderASchedule(unittest.TestCase):
    """Why RMSprop converts to the runtime's torch_rmsprop (docs/training.md): torch applies the
    learning rate after the momentum buffer, optax.rmsprop before it; equal under a constant rate,
    apart after a change."""

    def test_constant_rate_is_exact_and_a_drop_is_not(self):
        grads = [np.array([0.5, -1.0, 2.0])] * 12
        theirs, rates = torch_rmsprop_under_multistep(grads)
        ours = optax_rmsprop_momentum_steps(np.zeros(3), grads, rates, 0.99, 1e-8, 0.9)
        for step in range(6):
            np.testing.assert_allclose(ours[step], theirs[step], rtol=1e-12)
        # the first step after the drop: optax's update is 8.8 times torch's here
        torch_step = theirs[6] - theirs[5]
        optax_step = ours[6] - ours[5]
        self.assertAlmostEqual(float(optax_step[0] / torch_step[0]), 8.8, delta=0.1)


class RmspropMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_rmsprop")
        rng = np.random.default_rng(1)
        cls.start = rng.normal(size=5)
        cls.grads = [rng.normal(size=5) * np.array([1e-6, 1e-3, 0.1, 1.0, 10.0]) for _ in range(8)]

    def check(self, torch_options, runtime_options):
        with jax_on_numpy():
            transformation = self.runtime.torch_rmsprop(**runtime_options)
        assert_steps_match(lambda p: torch.optim.RMSprop(p, **torch_options), transformation, self.start, self.grads)

    def test_defaults(self):
        self.check({"lr": 0.01}, {"learning_rate": 0.01})

    def test_every_option(self):
        options = {"alpha": 0.9, "eps": 1e-6, "weight_decay": 1e-2, "momentum": 0.8, "centered": True}
        self.check({"lr": 0.05, **options}, {"learning_rate": 0.05, **options})

    def test_momentum_under_a_schedule_is_torch_s(self):
        # What optax.inject_hyperparams does: the factory is called again with each step's rate
        # and the state carries over.
        grads = [np.array([0.5, -1.0, 2.0])] * 12
        theirs, rates = torch_rmsprop_under_multistep(grads)
        params, state, ours = {"w": np.zeros(3)}, None, []
        with jax_on_numpy():
            for g, rate in zip(grads, rates):
                transformation = self.runtime.torch_rmsprop(learning_rate=rate, momentum=0.9)
                state = transformation.init(params) if state is None else state
                updates, state = transformation.update({"w": g}, state, params)
                params = {"w": params["w"] + updates["w"]}
                ours.append(params["w"].copy())
        for step, (a, b) in enumerate(zip(ours, theirs)):
            np.testing.assert_allclose(a, b, rtol=1e-12, err_msg=f"step {step + 1}")


if __name__ == "__main__":
    unittest.main()


def optax_adadelta_steps(start, grads, lr, rho, eps, weight_decay):
    """optax.adadelta as its source chains it: add_decayed_weights(weight_decay) (the L2 term on the
    gradient), scale_by_adadelta(rho, eps) (E[g^2], then sqrt(E[dx^2] + eps) / sqrt(E[g^2] + eps) * g,
    then E[dx^2] from that update), scale_by_learning_rate(lr)."""
    w = np.array(start, dtype=np.float64)
    e_g, e_x, values = np.zeros_like(w), np.zeros_like(w), []
    for g in grads:
        g = g + weight_decay * w
        e_g = (1 - rho) * g * g + rho * e_g
        update = np.sqrt(e_x + eps) / np.sqrt(e_g + eps) * g
        e_x = (1 - rho) * update * update + rho * e_x
        w = w - lr * update
        values.append(w.copy())
    return values


class AdadeltaMatchesTorch(unittest.TestCase):
    """torch.optim.Adadelta converts to optax.adadelta with torch's learning rate (1.0 by default):
    the same formulas, weight decay as an L2 term first (docs/training.md, "Optimizers")."""

    def test_steps_match(self):
        rng = np.random.default_rng(0)
        grads = [rng.normal(size=4) for _ in range(10)]
        start = rng.normal(size=4)
        for lr, rho, eps, weight_decay in [(1.0, 0.9, 1e-6, 0.0), (0.5, 0.8, 1e-4, 0.01)]:
            theirs = torch_steps(lambda p: torch.optim.Adadelta(p, lr=lr, rho=rho, eps=eps, weight_decay=weight_decay), start, grads)
            ours = optax_adadelta_steps(start, grads, lr, rho, eps, weight_decay)
            for a, b in zip(ours, theirs):
                np.testing.assert_allclose(a, b, rtol=1e-12)
