"""Alternating (GAN) steps: torch 1.13's loop against the converted step (docs/training.md, "Two models: GANs").

torch's loop
    opt_d.zero_grad()
    loss_d = bce(D(real), ones) + bce(D(G(z).detach()), zeros)
    loss_d.backward(); opt_d.step()
    opt_g.zero_grad()
    loss_g = bce(D(G(z)), ones)
    loss_g.backward(); opt_g.step()
converts to one step function of both models' variables: a loss function of D's parameters, its
gradient and Adam's update of D, then a loss function of G's parameters with D's parameters and
statistics as the first half left them. Each model call goes through switcheroo_runtime.ThreadedModel,
which applies the module to the variables the previous call left, so BatchNorm's running statistics
update once per call, in the loss's order: D three times and G twice per batch, as in torch.

The runtime's own ThreadedModel runs here. The Linen modules are stand-ins with Flax's apply contract
(``apply(variables, x, mutable=[...])`` returns the output and the mutated collections), computing with
torch's functional ops on the parameters they are given; jax.value_and_grad(f, has_aux=True) is modelled
by torch.autograd.grad with respect to the differentiated argument only, jax.lax.stop_gradient by
detach(), and optax.adam by its formula (optax/_src/transform.py, scale_by_adam, then the learning
rate), so what is compared is the structure of the converted step: which parameters get which
gradient, at which values of the other model, and how often each model's statistics move.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import sys
import types
import unittest
from unittest import mock

import torch
import torch.nn as nn
import torch.nn.functional as F

from numpy_jax import load_runtime

NZ, HIDDEN, FEATURES, BATCH = 3, 5, 2, 8


# No bias before BatchNorm (as in DCGAN): its gradient is zero up to rounding, which Adam's
# normalised update would turn into steps of the learning rate's size in arbitrary directions.
class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(NZ, HIDDEN, bias=False)
        self.bn = nn.BatchNorm1d(HIDDEN)
        self.fc2 = nn.Linear(HIDDEN, FEATURES)

    def forward(self, z):
        return torch.tanh(self.fc2(F.relu(self.bn(self.fc1(z)))))


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(FEATURES, HIDDEN, bias=False)
        self.bn = nn.BatchNorm1d(HIDDEN)
        self.fc2 = nn.Linear(HIDDEN, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc2(F.leaky_relu(self.bn(self.fc1(x)), 0.2)))


class LinenStandIn:
    """The apply contract of a converted Linen module, on torch's functional ops: variables
    {"params": {...}, "batch_stats": {"mean", "var"}}; with mutable, the new statistics come back."""

    def __init__(self, torch_module, last):
        self.last = last
        self.applied_mutably = 0
        self.template = torch_module

    def apply(self, variables, x, rngs=None, mutable=False):
        p, stats = variables["params"], variables["batch_stats"]
        mean, var = stats["mean"].clone(), stats["var"].clone()
        h = F.linear(x, p["fc1.weight"])
        h = F.batch_norm(h, mean, var, p["bn.weight"], p["bn.bias"], training=True, momentum=0.1, eps=1e-5)
        h = F.leaky_relu(h, 0.2) if self.last == "sigmoid" else F.relu(h)
        out = F.linear(h, p["fc2.weight"], p["fc2.bias"])
        out = torch.sigmoid(out) if self.last == "sigmoid" else torch.tanh(out)
        if mutable is False:
            return out
        self.applied_mutably += 1
        return out, {"batch_stats": {"mean": mean.detach(), "var": var.detach()}}


def variables_of(module):
    params = {name: p.detach().clone() for name, p in module.named_parameters()}
    return params, {"batch_stats": {"mean": module.bn.running_mean.clone(), "var": module.bn.running_var.clone()}}


def value_and_grad(fn):
    """jax.value_and_grad(fn, has_aux=True): the gradient with respect to fn's argument only."""

    def wrapped(params):
        leaves = {name: value.detach().clone().requires_grad_(True) for name, value in params.items()}
        loss, aux = fn(leaves)
        grads = torch.autograd.grad(loss, list(leaves.values()))
        return (loss.detach(), aux), dict(zip(leaves, grads))

    return wrapped


class AdamModel:
    """optax.adam(learning_rate, b1, b2, eps): scale_by_adam (bias-corrected moments, eps outside the
    root, eps_root 0), then scale_by_learning_rate (-lr)."""

    def __init__(self, lr, b1, b2, eps=1e-8):
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps

    def init(self, params):
        return {"count": 0, "mu": {n: torch.zeros_like(p) for n, p in params.items()},
                "nu": {n: torch.zeros_like(p) for n, p in params.items()}}

    def update(self, grads, state, params=None):
        count = state["count"] + 1
        mu = {n: self.b1 * state["mu"][n] + (1 - self.b1) * g for n, g in grads.items()}
        nu = {n: self.b2 * state["nu"][n] + (1 - self.b2) * g * g for n, g in grads.items()}
        updates = {n: -self.lr * (mu[n] / (1 - self.b1 ** count)) / (torch.sqrt(nu[n] / (1 - self.b2 ** count)) + self.eps) for n in grads}
        return updates, {"count": count, "mu": mu, "nu": nu}


def apply_updates(params, updates):
    return {n: params[n] + updates[n] for n in params}


def assert_same_models(*models):
    """torch's modules against the converted variables: parameters and running statistics."""
    for module, params, state in models:
        for name, p in module.named_parameters():
            torch.testing.assert_close(params[name], p.detach(), rtol=1e-5, atol=1e-6, msg=name)
        torch.testing.assert_close(state["batch_stats"]["mean"], module.bn.running_mean, rtol=1e-5, atol=1e-6)
        torch.testing.assert_close(state["batch_stats"]["var"], module.bn.running_var, rtol=1e-5, atol=1e-6)


class GanStepMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_gan")

    def test_parameters_and_running_statistics_after_several_batches(self):
        torch.manual_seed(0)
        G, D = Generator(), Discriminator()
        g_params, g_state = variables_of(G)
        d_params, d_state = variables_of(D)
        batches = [torch.randn(BATCH, FEATURES) * 2 + 1 for _ in range(4)]
        noises = [torch.randn(BATCH, NZ) for _ in range(4)]
        ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)

        # torch 1.13's loop
        opt_g = torch.optim.Adam(G.parameters(), lr=1e-2, betas=(0.5, 0.999))
        opt_d = torch.optim.Adam(D.parameters(), lr=1e-2, betas=(0.5, 0.999))
        for real, z in zip(batches, noises):
            opt_d.zero_grad()
            loss_d = F.binary_cross_entropy(D(real), ones) + F.binary_cross_entropy(D(G(z).detach()), zeros)
            loss_d.backward()
            opt_d.step()
            opt_g.zero_grad()
            loss_g = F.binary_cross_entropy(D(G(z)), ones)
            loss_g.backward()
            opt_g.step()

        # the converted step, as GanWriter writes it
        ThreadedModel = self.runtime.ThreadedModel
        g_module, d_module = LinenStandIn(G, "tanh"), LinenStandIn(D, "sigmoid")
        c_opt_d, c_opt_g = AdamModel(1e-2, 0.5, 0.999), AdamModel(1e-2, 0.5, 0.999)
        bce = F.binary_cross_entropy

        def gan_step(D, G, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, real, z):
            def loss_d_fn(D_params):
                D_apply = ThreadedModel(D, D_params, D_state)
                G_apply = ThreadedModel(G, G_params, G_state)
                loss_d = bce(D_apply(real), ones) + bce(D_apply(G_apply(z).detach()), zeros)
                return loss_d, (D_apply.state, G_apply.state)
            (loss_d, (D_state, G_state)), grads = value_and_grad(loss_d_fn)(D_params)
            updates, opt_d_state = c_opt_d.update(grads, opt_d_state, D_params)
            D_params = apply_updates(D_params, updates)

            def loss_g_fn(G_params):
                D_apply = ThreadedModel(D, D_params, D_state)
                G_apply = ThreadedModel(G, G_params, G_state)
                loss_g = bce(D_apply(G_apply(z)), ones)
                return loss_g, (D_apply.state, G_apply.state)
            (loss_g, (D_state, G_state)), grads = value_and_grad(loss_g_fn)(G_params)
            updates, opt_g_state = c_opt_g.update(grads, opt_g_state, G_params)
            G_params = apply_updates(G_params, updates)
            return D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, loss_d, loss_g

        opt_d_state, opt_g_state = c_opt_d.init(d_params), c_opt_g.init(g_params)
        for real, z in zip(batches, noises):
            d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, c_loss_d, c_loss_g = gan_step(
                d_module, g_module, d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, real, z)

        self.assertAlmostEqual(c_loss_d.item(), loss_d.item(), places=5)
        self.assertAlmostEqual(c_loss_g.item(), loss_g.item(), places=5)
        assert_same_models((D, d_params, d_state), (G, g_params, g_state))
        # torch counts its statistics' updates: D three per batch (real, detached fake, fake), G two (one G(z) per loss).
        self.assertEqual(int(D.bn.num_batches_tracked), 3 * len(batches))
        self.assertEqual(int(G.bn.num_batches_tracked), 2 * len(batches))
        self.assertEqual(d_module.applied_mutably, 3 * len(batches))
        self.assertEqual(g_module.applied_mutably, 2 * len(batches))

    def test_several_backward_calls_are_the_gradient_of_the_losses_sum(self):
        """torch's loop calls backward() once per loss of the discriminator (PyTorch's DCGAN example);
        the converted step differentiates their sum and carries each loss out (GanWriter)."""
        torch.manual_seed(1)
        G, D = Generator(), Discriminator()
        g_params, g_state = variables_of(G)
        d_params, d_state = variables_of(D)
        batches = [torch.randn(BATCH, FEATURES) * 2 + 1 for _ in range(4)]
        noises = [torch.randn(BATCH, NZ) for _ in range(4)]
        ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)
        bce = F.binary_cross_entropy

        opt_g = torch.optim.Adam(G.parameters(), lr=1e-2, betas=(0.5, 0.999))
        opt_d = torch.optim.Adam(D.parameters(), lr=1e-2, betas=(0.5, 0.999))
        for real, z in zip(batches, noises):
            opt_d.zero_grad()
            err_real = bce(D(real), ones)
            err_real.backward()
            err_fake = bce(D(G(z).detach()), zeros)
            err_fake.backward()
            opt_d.step()
            opt_g.zero_grad()
            loss_g = bce(D(G(z)), ones)
            loss_g.backward()
            opt_g.step()

        ThreadedModel = self.runtime.ThreadedModel
        g_module, d_module = LinenStandIn(G, "tanh"), LinenStandIn(D, "sigmoid")
        c_opt_d, c_opt_g = AdamModel(1e-2, 0.5, 0.999), AdamModel(1e-2, 0.5, 0.999)

        def gan_step(D, G, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, real, z):
            def err_real_fn(D_params):
                D_apply = ThreadedModel(D, D_params, D_state)
                G_apply = ThreadedModel(G, G_params, G_state)
                err_real = bce(D_apply(real), ones)
                err_fake = bce(D_apply(G_apply(z).detach()), zeros)
                return err_real + err_fake, (err_real, err_fake, D_apply.state, G_apply.state)
            (opt_d_loss, (err_real, err_fake, D_state, G_state)), grads = value_and_grad(err_real_fn)(D_params)
            updates, opt_d_state = c_opt_d.update(grads, opt_d_state, D_params)
            D_params = apply_updates(D_params, updates)

            def loss_g_fn(G_params):
                D_apply = ThreadedModel(D, D_params, D_state)
                G_apply = ThreadedModel(G, G_params, G_state)
                loss_g = bce(D_apply(G_apply(z)), ones)
                return loss_g, (D_apply.state, G_apply.state)
            (loss_g, (D_state, G_state)), grads = value_and_grad(loss_g_fn)(G_params)
            updates, opt_g_state = c_opt_g.update(grads, opt_g_state, G_params)
            G_params = apply_updates(G_params, updates)
            return D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, err_real, err_fake, loss_g

        opt_d_state, opt_g_state = c_opt_d.init(d_params), c_opt_g.init(g_params)
        for real, z in zip(batches, noises):
            d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, c_real, c_fake, c_loss_g = gan_step(
                d_module, g_module, d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, real, z)

        self.assertAlmostEqual(c_real.item(), err_real.item(), places=5)
        self.assertAlmostEqual(c_fake.item(), err_fake.item(), places=5)
        self.assertAlmostEqual(c_loss_g.item(), loss_g.item(), places=5)
        assert_same_models((D, d_params, d_state), (G, g_params, g_state))
        self.assertEqual(d_module.applied_mutably, 3 * len(batches))
        self.assertEqual(g_module.applied_mutably, 2 * len(batches))

    def test_a_generated_batch_both_losses_read_is_computed_again_from_the_step_start(self):
        """PyTorch's DCGAN example: fake = G(z) in the discriminator's loss (detached there), and the
        generator's loss reads the same fake, its backward() going through that graph. The converted
        second loss computes fake again with G's parameters (unchanged since) from the variables the step
        began with, and the first loss's update of G's statistics is dropped: G's statistics move once per
        batch, as torch's do (GanWriter, StepPattern.Recomputed)."""
        torch.manual_seed(3)
        G, D = Generator(), Discriminator()
        g_params, g_state = variables_of(G)
        d_params, d_state = variables_of(D)
        batches = [torch.randn(BATCH, FEATURES) * 2 + 1 for _ in range(4)]
        noises = [torch.randn(BATCH, NZ) for _ in range(4)]
        ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)
        bce = F.binary_cross_entropy

        opt_g = torch.optim.Adam(G.parameters(), lr=1e-2, betas=(0.5, 0.999))
        opt_d = torch.optim.Adam(D.parameters(), lr=1e-2, betas=(0.5, 0.999))
        for real, z in zip(batches, noises):
            D.zero_grad()
            err_real = bce(D(real), ones)
            err_real.backward()
            fake = G(z)
            err_fake = bce(D(fake.detach()), zeros)
            err_fake.backward()
            opt_d.step()
            G.zero_grad()
            err_g = bce(D(fake), ones)
            err_g.backward()
            opt_g.step()

        ThreadedModel = self.runtime.ThreadedModel
        g_module, d_module = LinenStandIn(G, "tanh"), LinenStandIn(D, "sigmoid")
        c_opt_d, c_opt_g = AdamModel(1e-2, 0.5, 0.999), AdamModel(1e-2, 0.5, 0.999)

        def gan_step(D, G, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, real, z):
            def err_real_fn(D_params):
                D_apply = ThreadedModel(D, D_params, D_state)
                G_apply = ThreadedModel(G, G_params, G_state)
                err_real = bce(D_apply(real), ones)
                fake = G_apply(z)
                err_fake = bce(D_apply(fake.detach()), zeros)
                return err_real + err_fake, (err_real, err_fake, D_apply.state)
            (opt_d_loss, (err_real, err_fake, D_state)), grads = value_and_grad(err_real_fn)(D_params)
            updates, opt_d_state = c_opt_d.update(grads, opt_d_state, D_params)
            D_params = apply_updates(D_params, updates)

            def err_g_fn(G_params):
                D_apply = ThreadedModel(D, D_params, D_state)
                G_apply = ThreadedModel(G, G_params, G_state)
                fake = G_apply(z)
                err_g = bce(D_apply(fake), ones)
                return err_g, (D_apply.state, G_apply.state)
            (err_g, (D_state, G_state)), grads = value_and_grad(err_g_fn)(G_params)
            updates, opt_g_state = c_opt_g.update(grads, opt_g_state, G_params)
            G_params = apply_updates(G_params, updates)
            return D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, err_real, err_fake, err_g

        opt_d_state, opt_g_state = c_opt_d.init(d_params), c_opt_g.init(g_params)
        for real, z in zip(batches, noises):
            d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, c_real, c_fake, c_err_g = gan_step(
                d_module, g_module, d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, real, z)

        self.assertAlmostEqual(c_real.item(), err_real.item(), places=5)
        self.assertAlmostEqual(c_fake.item(), err_fake.item(), places=5)
        self.assertAlmostEqual(c_err_g.item(), err_g.item(), places=5)
        assert_same_models((D, d_params, d_state), (G, g_params, g_state))
        self.assertEqual(int(G.bn.num_batches_tracked), len(batches))
        self.assertEqual(d_module.applied_mutably, 3 * len(batches))

    def test_the_generators_half_first_passes_its_batch_on(self):
        """The generator's half first (as PyTorch-GAN's examples write it): gen = G(z) in the generator's
        loss, judged again, detached, by the critic after G's step. The first loss function returns the
        batch it generated with G's parameters before the update, which the critic's loss reads: its
        gradient by D's parameters does not go through G (GanWriter, GanStep.Passed)."""
        torch.manual_seed(4)
        G, D = Generator(), Discriminator()
        g_params, g_state = variables_of(G)
        d_params, d_state = variables_of(D)
        batches = [torch.randn(BATCH, FEATURES) * 2 + 1 for _ in range(4)]
        noises = [torch.randn(BATCH, NZ) for _ in range(4)]
        ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)
        bce = F.binary_cross_entropy

        opt_g = torch.optim.Adam(G.parameters(), lr=1e-2, betas=(0.5, 0.999))
        opt_d = torch.optim.Adam(D.parameters(), lr=1e-2, betas=(0.5, 0.999))
        for real, z in zip(batches, noises):
            opt_g.zero_grad()
            gen = G(z)
            loss_g = bce(D(gen), ones)
            loss_g.backward()
            opt_g.step()
            opt_d.zero_grad()
            loss_d = (bce(D(real), ones) + bce(D(gen.detach()), zeros)) / 2
            loss_d.backward()
            opt_d.step()

        ThreadedModel = self.runtime.ThreadedModel
        g_module, d_module = LinenStandIn(G, "tanh"), LinenStandIn(D, "sigmoid")
        c_opt_d, c_opt_g = AdamModel(1e-2, 0.5, 0.999), AdamModel(1e-2, 0.5, 0.999)

        def gan_step(G, D, G_params, G_state, D_params, D_state, opt_g_state, opt_d_state, z, real):
            def loss_g_fn(G_params):
                G_apply = ThreadedModel(G, G_params, G_state)
                D_apply = ThreadedModel(D, D_params, D_state)
                gen = G_apply(z)
                loss_g = bce(D_apply(gen), ones)
                return loss_g, (gen, G_apply.state, D_apply.state)
            (loss_g, (gen, G_state, D_state)), grads = value_and_grad(loss_g_fn)(G_params)
            updates, opt_g_state = c_opt_g.update(grads, opt_g_state, G_params)
            G_params = apply_updates(G_params, updates)

            def loss_d_fn(D_params):
                D_apply = ThreadedModel(D, D_params, D_state)
                loss_d = (bce(D_apply(real), ones) + bce(D_apply(gen.detach()), zeros)) / 2
                return loss_d, (D_apply.state,)
            (loss_d, (D_state,)), grads = value_and_grad(loss_d_fn)(D_params)
            updates, opt_d_state = c_opt_d.update(grads, opt_d_state, D_params)
            D_params = apply_updates(D_params, updates)
            return G_params, G_state, D_params, D_state, opt_g_state, opt_d_state, loss_g, loss_d

        opt_g_state, opt_d_state = c_opt_g.init(g_params), c_opt_d.init(d_params)
        for real, z in zip(batches, noises):
            g_params, g_state, d_params, d_state, opt_g_state, opt_d_state, c_loss_g, c_loss_d = gan_step(
                g_module, d_module, g_params, g_state, d_params, d_state, opt_g_state, opt_d_state, z, real)

        self.assertAlmostEqual(c_loss_g.item(), loss_g.item(), places=5)
        self.assertAlmostEqual(c_loss_d.item(), loss_d.item(), places=5)
        assert_same_models((D, d_params, d_state), (G, g_params, g_state))
        self.assertEqual(int(G.bn.num_batches_tracked), len(batches))
        self.assertEqual(d_module.applied_mutably, 3 * len(batches))

    def run_lifted(self, G, D, batches, epochs, thread=("params", "state", "opt_state", "key")):
        """The alternating step in a function that receives both models and both optimizers, as GanWriter
        writes it (GanWriter.Callers.cs): the function takes both models' variables, both optimizer states and
        the key, creates them on the first batch when they are None, and returns them; the caller starts them
        at None and takes them back from every call. ``thread`` names what the caller takes back: leaving one
        out (taken back from the first call only) is a mutation of the state threading, which the comparison
        with torch must catch."""
        ThreadedModel, params_and_state = self.runtime.ThreadedModel, self.runtime.params_and_state
        g_module, d_module = LinenStandIn(G, "tanh"), LinenStandIn(D, "sigmoid")
        opt_g, opt_d = AdamModel(1e-2, 0.5, 0.999), AdamModel(1e-2, 0.5, 0.999)
        ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)
        bce = F.binary_cross_entropy
        initial = {id(g_module): variables_of(G), id(d_module): variables_of(D)}
        used_keys = []

        def init(module, key, x):
            params, state = initial[id(module)]
            return {"params": params, **state}

        def split(key, num=2):
            # jax.random.split as a counter: every key drawn from one chain is new.
            return [key * 10 + i + 1 for i in range(num)]

        def gan_epoch(G, D, opt_g, opt_d, batches, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, key):
            def gan_step(D, G, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, dropout_key, real, z):
                used_keys.append(dropout_key)

                def loss_d_fn(D_params):
                    D_apply = ThreadedModel(D, D_params, D_state)
                    G_apply = ThreadedModel(G, G_params, G_state)
                    loss_d = bce(D_apply(real), ones) + bce(D_apply(G_apply(z).detach()), zeros)
                    return loss_d, (D_apply.state, G_apply.state)
                (loss_d, (D_state, G_state)), grads = value_and_grad(loss_d_fn)(D_params)
                updates, opt_d_state = opt_d.update(grads, opt_d_state, D_params)
                D_params = apply_updates(D_params, updates)

                def loss_g_fn(G_params):
                    D_apply = ThreadedModel(D, D_params, D_state)
                    G_apply = ThreadedModel(G, G_params, G_state)
                    loss_g = bce(D_apply(G_apply(z)), ones)
                    return loss_g, (D_apply.state, G_apply.state)
                (loss_g, (D_state, G_state)), grads = value_and_grad(loss_g_fn)(G_params)
                updates, opt_g_state = opt_g.update(grads, opt_g_state, G_params)
                G_params = apply_updates(G_params, updates)
                return D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, loss_d, loss_g

            for real, z in batches:
                if D_params is None:
                    key, D_key, G_key = split(key, 3)
                    D_params, D_state = params_and_state(init(D, D_key, real))
                    G_params, G_state = params_and_state(init(G, G_key, z))
                    opt_d_state = opt_d.init(D_params)
                    opt_g_state = opt_g.init(G_params)
                key, dropout_key = split(key)
                D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, loss_d, loss_g = gan_step(
                    D, G, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, dropout_key, real, z)
            return D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, key

        key = 0
        D_params, D_state, G_params, G_state, opt_d_state, opt_g_state = None, None, None, None, None, None
        for epoch in range(epochs):
            returned = gan_epoch(g_module, d_module, opt_g, opt_d, batches, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, key)
            d_p, d_s, g_p, g_s, d_o, g_o, k = returned
            # A piece left out of the threading is taken back from the first call only (then kept stale).
            if "params" in thread or epoch == 0:
                D_params, G_params = d_p, g_p
            if "state" in thread or epoch == 0:
                D_state, G_state = d_s, g_s
            if "opt_state" in thread or epoch == 0:
                opt_d_state, opt_g_state = d_o, g_o
            if "key" in thread or epoch == 0:
                key = k
        return (D_params, D_state, G_params, G_state), used_keys

    def test_a_function_receiving_both_models_threads_the_state_through_its_calls(self):
        """torch 1.13: an epoch function receives G, D and their optimizers and trains them in place, called
        once per epoch. The converted function returns the variables, both optimizer states and the key, and
        the caller passes them to the next call: after several epochs the parameters and running statistics
        are torch's, and no dropout key repeats. A caller that drops any of them from the threading differs."""
        torch.manual_seed(5)
        G, D = Generator(), Discriminator()
        batches = [(torch.randn(BATCH, FEATURES) * 2 + 1, torch.randn(BATCH, NZ)) for _ in range(3)]
        epochs = 3
        lifted = {}
        for thread in [("params", "state", "opt_state", "key"), ("state", "opt_state", "key"), ("params", "opt_state", "key"),
                       ("params", "state", "key"), ("params", "state", "opt_state")]:
            lifted[thread] = self.run_lifted(G, D, batches, epochs, thread)

        ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)
        bce = F.binary_cross_entropy

        def gan_epoch(G, D, opt_g, opt_d, batches):
            for real, z in batches:
                opt_d.zero_grad()
                loss_d = bce(D(real), ones) + bce(D(G(z).detach()), zeros)
                loss_d.backward()
                opt_d.step()
                opt_g.zero_grad()
                loss_g = bce(D(G(z)), ones)
                loss_g.backward()
                opt_g.step()

        opt_g = torch.optim.Adam(G.parameters(), lr=1e-2, betas=(0.5, 0.999))
        opt_d = torch.optim.Adam(D.parameters(), lr=1e-2, betas=(0.5, 0.999))
        for _ in range(epochs):
            gan_epoch(G, D, opt_g, opt_d, batches)

        (d_params, d_state, g_params, g_state), keys = lifted[("params", "state", "opt_state", "key")]
        assert_same_models((D, d_params, d_state), (G, g_params, g_state))
        self.assertEqual(len(keys), epochs * len(batches))
        self.assertEqual(len(set(keys)), len(keys))
        for thread in [("state", "opt_state", "key"), ("params", "opt_state", "key"), ("params", "state", "key")]:
            (d_params, d_state, g_params, g_state), _ = lifted[thread]
            with self.assertRaises(AssertionError, msg=f"threading only {thread} still matched torch"):
                assert_same_models((D, d_params, d_state), (G, g_params, g_state))
        _, keys = lifted[("params", "state", "opt_state")]
        self.assertLess(len(set(keys)), len(keys), "a key not taken back repeats the dropout keys of the previous call")

    def test_the_same_dropout_key_replays_the_same_keys_call_by_call(self):
        """The replayed calls of the second loss get the keys the first loss's calls got: ThreadedModel
        splits its key once per call, so two of them made with one key agree call by call."""
        received = []

        class Recording:
            def apply(self, variables, x, rngs=None, mutable=False):
                received.append(rngs["dropout"])
                return x

        random = types.SimpleNamespace(split=lambda key: (key + (0,), key + (1,)))
        fake_jax = types.ModuleType("jax")
        fake_jax.random = random
        with mock.patch.dict(sys.modules, {"jax": fake_jax}):
            first = self.runtime.ThreadedModel(Recording(), {}, {}, rngs={"dropout": (7,)})
            first(1), first(2)
            replayed = self.runtime.ThreadedModel(Recording(), {}, {}, rngs={"dropout": (7,)})
            replayed(1), replayed(2), replayed(3)
        self.assertEqual(received[:2], received[2:4])
        self.assertNotEqual(received[0], received[1])
        self.assertNotIn(received[4], received[:4])

    def test_state_threads_through_calls_and_params_and_state_splits(self):
        torch.manual_seed(2)
        D = Discriminator()
        d_params, d_state = variables_of(D)
        threaded = self.runtime.ThreadedModel(LinenStandIn(D, "sigmoid"), d_params, d_state)
        x = torch.randn(BATCH, FEATURES)
        threaded(x)
        first = threaded.state["batch_stats"]["mean"].clone()
        threaded(x)
        D(x)
        D(x)
        self.assertFalse(torch.allclose(first, threaded.state["batch_stats"]["mean"]))
        torch.testing.assert_close(threaded.state["batch_stats"]["mean"], D.bn.running_mean)
        params, state = self.runtime.params_and_state({"params": {"w": 1}, "batch_stats": {"mean": 2}})
        self.assertEqual((params, state), ({"w": 1}, {"batch_stats": {"mean": 2}}))


if __name__ == "__main__":
    unittest.main()
