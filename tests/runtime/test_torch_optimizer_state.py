"""A torch optimizer's state_dict() resumed as an Optax state (docs/checkpoints.md, "Full checkpoints").

opt.load_state_dict(checkpoint["optimizer"]) converts to optimizer_state(saved, optimizer.init(params),
params, checkpoint_weights): torch's moments, keyed by the index of each parameter in
model.parameters(), are placed by KeyMapper into the Flax parameters' tree (with the parameter's own
layout change), and the next step must then be torch's next step. Optax cannot run here: its states
are the NamedTuples Optax defines (ScaleByAdamState, TraceState, EmptyState, InjectHyperparamsState),
and its updates are written out below from optax's scale_by_adam and trace, checked against torch.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import collections
import os
import tempfile
import unittest

import numpy as np
import torch
from torch import nn

from numpy_jax import load_runtime

ScaleByAdamState = collections.namedtuple("ScaleByAdamState", ["count", "mu", "nu"])
TraceState = collections.namedtuple("TraceState", ["trace"])
EmptyState = collections.namedtuple("EmptyState", [])
InjectHyperparamsState = collections.namedtuple("InjectHyperparamsState", ["count", "hyperparams", "inner_state"])


class Net(nn.Module):
    """A convolution, a norm with statistics (buffers between the parameters) and a linear layer."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, 3)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return self.fc(self.bn(self.conv(x)).mean(dim=(2, 3)))


# The Flax parameters the converted Net declares (what KeyMapper places torch's keys in).
TARGET = {"params": {"conv": {"kernel": np.zeros((3, 3, 2, 4), np.float32), "bias": np.zeros(4, np.float32)},
                     "bn": {"scale": np.zeros(4, np.float32), "bias": np.zeros(4, np.float32)},
                     "fc": {"kernel": np.zeros((4, 3), np.float32), "bias": np.zeros(3, np.float32)}},
          "batch_stats": {"bn": {"mean": np.zeros(4, np.float32), "var": np.zeros(4, np.float32)}}}


def zeros_like(tree):
    return {k: zeros_like(v) if isinstance(v, dict) else np.zeros_like(v) for k, v in tree.items()}


def tree_map(f, *trees):
    if isinstance(trees[0], dict):
        return {k: tree_map(f, *(t[k] for t in trees)) for k in trees[0]}
    return f(*trees)


class TorchOptimizerStateTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_torch_optimizer_state")

    def trained(self, make_optimizer, steps=3):
        torch.manual_seed(0)
        model = Net()
        optimizer = make_optimizer(model.parameters())
        for _ in range(steps):
            optimizer.zero_grad()
            model(torch.randn(5, 2, 6, 6)).pow(2).sum().backward()
            optimizer.step()
        return model, optimizer

    def next_step(self, model, optimizer):
        """torch's next step: the gradients it takes (as Flax trees) and the parameters after it."""
        optimizer.zero_grad()
        model(torch.randn(5, 2, 6, 6)).pow(2).sum().backward()
        grads = {name: p.grad.clone() for name, p in model.named_parameters()}
        optimizer.step()
        as_tree = lambda named: self.runtime.KeyMapper.from_torch(named, TARGET, strict=False)["params"]
        return as_tree(grads), as_tree({name: p.detach().clone() for name, p in model.named_parameters()})

    def resumed(self, model, optimizer, template_of):
        weights, saved = model.state_dict(), optimizer.state_dict()
        params = self.runtime.KeyMapper.from_torch(weights, TARGET)["params"]
        return params, self.runtime.optimizer_state(saved, template_of(params), params, weights)

    def test_adam_resumes_where_torch_stopped(self):
        lr, b1, b2, eps = 1e-2, 0.9, 0.999, 1e-8
        model, optimizer = self.trained(lambda p: torch.optim.Adam(p, lr=lr, betas=(b1, b2), eps=eps))
        params, state = self.resumed(model, optimizer,
                                     lambda p: (ScaleByAdamState(np.zeros((), np.int32), zeros_like(p), zeros_like(p)), EmptyState()))
        adam, rest = state
        self.assertIsInstance(adam, ScaleByAdamState)
        self.assertIsInstance(rest, EmptyState)
        self.assertEqual((int(adam.count), adam.count.dtype), (3, np.int32))
        np.testing.assert_array_equal(adam.mu["fc"]["kernel"], optimizer.state[model.fc.weight]["exp_avg"].numpy().T)
        grads, expected = self.next_step(model, optimizer)
        # optax.scale_by_adam then scale_by_learning_rate
        count = int(adam.count) + 1
        mu = tree_map(lambda g, m: b1 * m + (1 - b1) * g, grads, adam.mu)
        nu = tree_map(lambda g, v: b2 * v + (1 - b2) * g * g, grads, adam.nu)
        update = tree_map(lambda m, v: -lr * (m / (1 - b1 ** count)) / (np.sqrt(v / (1 - b2 ** count)) + eps), mu, nu)
        stepped = tree_map(lambda p, u: p + u, params, update)
        tree_map(lambda got, want: np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7), stepped, expected)

    def test_sgd_momentum_resumes_with_its_buffer(self):
        lr, momentum = 0.05, 0.9
        model, optimizer = self.trained(lambda p: torch.optim.SGD(p, lr=lr, momentum=momentum))
        params, state = self.resumed(model, optimizer, lambda p: (TraceState(zeros_like(p)), EmptyState()))
        grads, expected = self.next_step(model, optimizer)
        # optax.trace(decay=momentum) then scale_by_learning_rate
        trace = tree_map(lambda g, t: g + momentum * t, grads, state[0].trace)
        stepped = tree_map(lambda p, t: p - lr * t, params, trace)
        tree_map(lambda got, want: np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7), stepped, expected)

    def test_an_injected_learning_rate_takes_the_checkpoints(self):
        model, optimizer = self.trained(lambda p: torch.optim.Adam(p, lr=1e-3))
        optimizer.param_groups[0]["lr"] = 2.5e-4  # what a scheduler leaves
        _, state = self.resumed(model, optimizer, lambda p: InjectHyperparamsState(
            np.zeros((), np.int32), {"learning_rate": np.asarray(1e-3, np.float32)},
            (ScaleByAdamState(np.zeros((), np.int32), zeros_like(p), zeros_like(p)), EmptyState())))
        self.assertAlmostEqual(float(state.hyperparams["learning_rate"]), 2.5e-4, places=9)
        self.assertEqual(int(state.count), 3)
        self.assertEqual(int(state.inner_state[0].count), 3)

    def test_an_optimizer_that_never_stepped_gives_the_fresh_state(self):
        model, optimizer = self.trained(lambda p: torch.optim.Adam(p), steps=0)
        _, state = self.resumed(model, optimizer,
                                lambda p: (ScaleByAdamState(np.zeros((), np.int32), zeros_like(p), zeros_like(p)), EmptyState()))
        self.assertEqual(int(state[0].count), 0)
        np.testing.assert_array_equal(state[0].nu["conv"]["kernel"], np.zeros((3, 3, 2, 4)))

    def test_from_a_file_torch_wrote_read_without_torch(self):
        model, optimizer = self.trained(lambda p: torch.optim.Adam(p, lr=1e-2))
        handle, path = tempfile.mkstemp(suffix=".pt")
        os.close(handle)
        self.addCleanup(os.remove, path)
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": 3}, path)
        checkpoint = self.runtime.load_checkpoint(path)
        params = self.runtime.KeyMapper.from_torch(checkpoint["model"], TARGET)["params"]
        template = (ScaleByAdamState(np.zeros((), np.int32), zeros_like(params), zeros_like(params)), EmptyState())
        state = self.runtime.optimizer_state(checkpoint["optimizer"], template, params, checkpoint["model"])
        np.testing.assert_allclose(state[0].nu["conv"]["kernel"],
                                   optimizer.state[model.conv.weight]["exp_avg_sq"].numpy().transpose(2, 3, 1, 0))

    def test_what_does_not_line_up_is_refused(self):
        runtime = self.runtime
        adam = lambda p: (ScaleByAdamState(np.zeros((), np.int32), zeros_like(p), zeros_like(p)), EmptyState())
        model, optimizer = self.trained(lambda p: torch.optim.RMSprop(p))
        with self.assertRaisesRegex(runtime.CheckpointFormatError, "exp_avg"):
            self.resumed(model, optimizer, adam)
        model, optimizer = self.trained(lambda p: torch.optim.Adam(p))
        with self.assertRaisesRegex(runtime.CheckpointFormatError, "no torch counterpart"):
            self.resumed(model, optimizer, lambda p: (collections.namedtuple("ScaleByLionState", ["count", "mu"])(0, p),))
        groups = torch.optim.Adam([{"params": model.fc.parameters()}, {"params": model.conv.parameters(), "lr": 1e-4}])
        with self.assertRaisesRegex(runtime.CheckpointFormatError, "2 parameter groups"):
            self.resumed(model, groups, adam)
        part = torch.optim.Adam(model.fc.parameters())
        with self.assertRaises(runtime.CheckpointMismatchError):
            self.resumed(model, part, adam)


if __name__ == "__main__":
    unittest.main()
