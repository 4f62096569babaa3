"""switcheroo_runtime.BatchNorm against torch's BatchNorm1d/2d/3d, step by step: training outputs,
the running statistics after each step (torch averages the unbiased batch variance into
running_var, flax.linen.BatchNorm the biased one) and eval outputs afterwards. The runtime's own
module runs on numpy (numpy_flax.py stands in for flax.linen, numpy_jax.py for jax.numpy).

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest

import numpy as np
import torch

from numpy_flax import apply, flax_on_numpy
from numpy_jax import load_runtime


def torch_variables(layer):
    variables = {"batch_stats": {"mean": layer.running_mean.numpy().copy(), "var": layer.running_var.numpy().copy()}}
    if layer.affine:
        variables["params"] = {"scale": layer.weight.detach().numpy().copy(), "bias": layer.bias.detach().numpy().copy()}
    return variables


class BatchNormMatchesTorch(unittest.TestCase):
    def run_steps(self, layer, ours, shape, steps=3):
        rng = np.random.default_rng(1)
        variables = torch_variables(layer)
        with flax_on_numpy():
            for _ in range(steps):
                x = (rng.normal(size=shape) * 2.0 + 3.0).astype(np.float32)
                layer.train()
                expected = layer(torch.tensor(x)).detach().numpy()
                got, variables = apply(ours(), variables, x)
                np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)
                np.testing.assert_allclose(variables["batch_stats"]["mean"], layer.running_mean.numpy(), rtol=1e-5, atol=1e-6)
                np.testing.assert_allclose(variables["batch_stats"]["var"], layer.running_var.numpy(), rtol=1e-5, atol=1e-6)
            layer.eval()
            x = (rng.normal(size=shape) * 2.0 + 3.0).astype(np.float32)
            expected = layer(torch.tensor(x)).detach().numpy()
            got, _ = apply(ours(use_running_average=True), variables, x)
            np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)

    def setUp(self):
        torch.manual_seed(0)
        self.runtime = load_runtime("switcheroo_runtime_batch_norm")

    def layer(self, make, **kwargs):
        layer = make(**kwargs)
        if layer.affine:
            with torch.no_grad():
                layer.weight.uniform_(0.5, 1.5)
                layer.bias.uniform_(-0.5, 0.5)
        return layer

    def module(self, **fields):
        with flax_on_numpy():
            cls = self.runtime.BatchNorm
        return lambda **more: cls(**{**fields, **more})

    def test_batch_norm_2d(self):
        self.run_steps(self.layer(torch.nn.BatchNorm2d, num_features=4), self.module(), (8, 4, 5, 5))

    def test_batch_norm_1d_small_batch_where_the_unbiased_variance_matters(self):
        # n = 6 values per channel: Flax's biased running variance would be 17% smaller
        self.run_steps(self.layer(torch.nn.BatchNorm1d, num_features=3), self.module(), (6, 3))

    def test_batch_norm_1d_over_a_sequence(self):
        self.run_steps(self.layer(torch.nn.BatchNorm1d, num_features=3), self.module(), (4, 3, 7))

    def test_batch_norm_3d_with_momentum_and_eps(self):
        layer = self.layer(torch.nn.BatchNorm3d, num_features=2, momentum=0.3, eps=1e-3)
        self.run_steps(layer, self.module(momentum=0.7, epsilon=1e-3), (2, 2, 3, 4, 5))

    def test_without_affine(self):
        layer = self.layer(torch.nn.BatchNorm2d, num_features=4, affine=False)
        self.run_steps(layer, self.module(use_scale=False, use_bias=False), (5, 4, 3, 3))

    def test_init_declares_the_statistics_without_averaging_its_batch(self):
        with flax_on_numpy():
            x = np.full((4, 2, 3), 7.0, np.float32)
            _, variables = apply(self.runtime.BatchNorm(), {}, x, initializing=True)
        np.testing.assert_array_equal(variables["batch_stats"]["mean"], np.zeros(2))
        np.testing.assert_array_equal(variables["batch_stats"]["var"], np.ones(2))
        self.assertEqual(sorted(variables["params"]), ["bias", "scale"])

    def test_one_value_per_channel_is_refused_in_training_as_torch_does(self):
        with self.assertRaises(ValueError):
            torch.nn.BatchNorm1d(3).train()(torch.ones(1, 3))
        with flax_on_numpy(), self.assertRaisesRegex(ValueError, "more than 1 value per channel"):
            apply(self.runtime.BatchNorm(), {}, np.ones((1, 3), np.float32))

    def test_importing_the_runtime_needs_no_flax(self):
        runtime = load_runtime("switcheroo_runtime_no_flax")
        self.assertNotIn("BatchNorm", vars(runtime))
        with self.assertRaises(AttributeError):
            runtime.NoSuchLayer


if __name__ == "__main__":
    unittest.main()
