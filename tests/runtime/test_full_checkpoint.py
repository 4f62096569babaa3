"""Full checkpoint dicts (docs/checkpoints.md, "Full checkpoints: model, optimizer, epoch").

torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": e}, path) converts,
after a converted training step, to switcheroo_runtime.save_checkpoint(path, {"model": variables,
"optimizer": opt_state, "epoch": e}): one .npz, no pickle. The load side reads it with
load_checkpoint; opt.load_state_dict(checkpoint["optimizer"]) becomes optimizer_state(saved,
optimizer.init(params)), which puts the saved leaves back into the Optax state's structure.

JAX cannot run here: jax.tree's flatten/unflatten/leaves are modelled on the containers Optax states
are made of (tuples, namedtuples such as ScaleByAdamState, dicts in sorted key order, None as an
empty subtree), as jax.tree_util treats them. torch 1.13 writes the torch-side checkpoints.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import collections
import os
import sys
import tempfile
import types
import unittest
from unittest import mock

import numpy as np
import torch
from torch import nn

from numpy_jax import load_runtime

ScaleByAdamState = collections.namedtuple("ScaleByAdamState", ["count", "mu", "nu"])
EmptyState = collections.namedtuple("EmptyState", [])


def _flatten(tree):
    if tree is None:
        return [], ("none",)
    if isinstance(tree, dict):
        keys = sorted(tree)
        parts = [_flatten(tree[k]) for k in keys]
        return [leaf for leaves, _ in parts for leaf in leaves], ("dict", keys, [s for _, s in parts])
    if isinstance(tree, (tuple, list)):
        parts = [_flatten(item) for item in tree]
        return [leaf for leaves, _ in parts for leaf in leaves], ("seq", type(tree), [s for _, s in parts])
    return [tree], ("leaf",)


def _unflatten(structure, leaves):
    leaves = iter(leaves)

    def build(s):
        if s[0] == "none":
            return None
        if s[0] == "leaf":
            return next(leaves)
        if s[0] == "dict":
            return {k: build(sub) for k, sub in zip(s[1], s[2])}
        items = [build(sub) for sub in s[2]]
        return s[1](*items) if hasattr(s[1], "_fields") else s[1](items)

    return build(structure)


def fake_jax():
    jax = types.ModuleType("jax")
    jax.tree = types.SimpleNamespace(flatten=_flatten, unflatten=_unflatten, leaves=lambda t: _flatten(t)[0])
    return {"jax": jax}


class FullCheckpointTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_full_checkpoint")

    def setUp(self):
        handle, self.path = tempfile.mkstemp(suffix=".pt")
        os.close(handle)
        self.addCleanup(os.remove, self.path)

    def adam_state(self, params, count, scale):
        mu = {k: np.full_like(v, scale) for k, v in params.items()}
        nu = {k: np.full_like(v, scale * scale) for k, v in params.items()}
        return (ScaleByAdamState(np.asarray(count, np.int32), mu, nu), EmptyState())

    def test_variables_optimizer_state_and_numbers_round_trip(self):
        params = {"fc": {"kernel": np.arange(6, dtype=np.float32).reshape(3, 2), "bias": np.ones(2, np.float32)}}
        variables = {"params": params, "batch_stats": {"bn": {"mean": np.zeros(2, np.float32), "var": np.ones(2, np.float32)}}}
        opt_state = self.adam_state(params["fc"], 7, 0.5)
        with mock.patch.dict(sys.modules, fake_jax()):
            self.runtime.save_checkpoint(self.path, {"model": variables, "optimizer": opt_state, "epoch": 4, "loss": 0.25, "arch": "mlp"})
            loaded = self.runtime.load_checkpoint(self.path)
            template = self.adam_state(params["fc"], 0, 0.0)
            restored = self.runtime.optimizer_state(loaded["optimizer"], template)
        self.assertEqual(set(loaded), {"model", "optimizer", "epoch", "loss", "arch"})
        self.assertEqual((loaded["epoch"], loaded["loss"], loaded["arch"]), (4, 0.25, "mlp"))
        self.assertIsInstance(loaded["epoch"], int)
        np.testing.assert_array_equal(loaded["model"]["params"]["fc"]["kernel"], params["fc"]["kernel"])
        np.testing.assert_array_equal(loaded["model"]["batch_stats"]["bn"]["var"], np.ones(2))
        self.assertIsInstance(restored[0], ScaleByAdamState)
        self.assertIsInstance(restored[1], EmptyState)
        self.assertEqual(int(restored[0].count), 7)
        self.assertEqual(restored[0].count.dtype, np.int32)
        np.testing.assert_array_equal(restored[0].nu["kernel"], np.full((3, 2), 0.25, np.float32))
        # the model entry is a variable tree KeyMapper.from_torch takes as it is
        target = {"params": {"fc": {"kernel": np.zeros((3, 2)), "bias": np.zeros(2)}}, "batch_stats": {"bn": {"mean": np.zeros(2), "var": np.zeros(2)}}}
        mapped = self.runtime.KeyMapper.from_torch(loaded["model"], target)
        np.testing.assert_array_equal(mapped["params"]["fc"]["bias"], np.ones(2))
        # the file is a plain .npz: numpy reads it without pickle
        with np.load(self.path, allow_pickle=False) as archive:
            self.assertIn("model/params/fc/kernel", archive.files)
            self.assertIn("optimizer/#0", archive.files)

    def test_a_state_for_another_optimizer_or_model_is_refused(self):
        params = {"kernel": np.zeros((3, 2), np.float32)}
        with mock.patch.dict(sys.modules, fake_jax()):
            self.runtime.save_checkpoint(self.path, {"optimizer": self.adam_state(params, 1, 1.0)})
            saved = self.runtime.load_checkpoint(self.path)["optimizer"]
            with self.assertRaises(self.runtime.CheckpointMismatchError):
                self.runtime.optimizer_state(saved, self.adam_state({"kernel": np.zeros((2, 2), np.float32)}, 0, 0.0))
            with self.assertRaises(self.runtime.CheckpointMismatchError):
                self.runtime.optimizer_state(saved, (np.zeros((), np.int32),))

    def test_torch_written_checkpoint_dict(self):
        # torch 1.13's real layouts: the model's state_dict (names -> tensors) goes through KeyMapper;
        # the optimizer's is {"state": {index: {"step", "exp_avg", "exp_avg_sq"}}, "param_groups": [...]},
        # keyed by parameter index, which optimizer_state reads only with the params and the model's
        # torch state_dict that order them (test_torch_optimizer_state.py); without them it refuses.
        model = nn.Linear(3, 2)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        model(torch.randn(4, 3)).sum().backward()
        opt.step()
        torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": 2}, self.path)
        loaded = self.runtime.load_checkpoint(self.path)
        self.assertEqual(loaded["epoch"], 2)
        self.assertEqual(sorted(loaded["optimizer"]), ["param_groups", "state"])
        self.assertEqual(sorted(loaded["optimizer"]["state"][0]), ["exp_avg", "exp_avg_sq", "step"])
        self.assertEqual(loaded["optimizer"]["param_groups"][0]["params"], [0, 1])
        target = {"params": {"kernel": np.zeros((3, 2)), "bias": np.zeros(2)}}
        mapped = self.runtime.KeyMapper.from_torch(loaded["model"], target)
        np.testing.assert_array_equal(mapped["params"]["kernel"], model.weight.detach().numpy().T)
        with self.assertRaises(self.runtime.CheckpointFormatError) as raised:
            self.runtime.optimizer_state(loaded["optimizer"], (np.zeros(()),))
        self.assertIn("pass params and the model's torch state_dict", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
