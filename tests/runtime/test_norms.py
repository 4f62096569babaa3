"""Flax's normalisation statistics, written out on numpy from flax/linen/normalization.py
(_compute_stats: use_fast_variance=True takes E[x^2] - E[x]^2, False the mean of (x - mean)^2;
BatchNorm's running statistics: ra = momentum * ra + (1 - momentum) * batch statistic, with
the biased batch variance), against torch's BatchNorm2d, LayerNorm and GroupNorm in float32.

The conversion writes use_fast_variance=False (BatchNormHook, mappings/nn.yaml): these tests show
that it matches torch where the default does not, and measure the running-variance deviation
documented in docs/training.md. Run: python3 -m unittest discover -s tests/runtime
"""
import unittest

import numpy as np
import torch


def flax_stats(x, axes, fast):
    x = x.astype(np.float32)
    mean = x.mean(axes, dtype=np.float32)
    if fast:
        var = np.maximum(0.0, (x * x).mean(axes, dtype=np.float32) - mean * mean)
    else:
        var = ((x - np.expand_dims(mean, axes)) ** 2).mean(axes, dtype=np.float32)
    return mean, var


def flax_normalize(x, axes, eps, fast):
    mean, var = flax_stats(x, axes, fast)
    return (x - np.expand_dims(mean, axes)) / np.sqrt(np.expand_dims(var, axes) + np.float32(eps))


def relative_error(ours, theirs):
    return float(np.abs(ours - theirs).max() / np.abs(theirs).max())


class NormalisationMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        rng = np.random.default_rng(0)
        # activations with a large mean: where E[x^2] - E[x]^2 cancels in float32
        cls.x = (rng.normal(size=(8, 4, 6, 6)) + 1000.0).astype(np.float32)

    def check(self, theirs, axes, eps=1e-5):
        exact = flax_normalize(self.x, axes, eps, fast=False)
        fast = flax_normalize(self.x, axes, eps, fast=True)
        self.assertLess(relative_error(exact, theirs), 1e-4)
        self.assertGreater(relative_error(fast, theirs), 1e-2)  # the default: percent-level errors
        return relative_error(fast, theirs)

    def test_batch_norm_training_output(self):
        theirs = torch.nn.BatchNorm2d(4, affine=False)(torch.tensor(self.x)).detach().numpy()
        self.check(theirs, (0, 2, 3))

    def test_layer_norm(self):
        theirs = torch.nn.LayerNorm([6, 6], elementwise_affine=False)(torch.tensor(self.x)).detach().numpy()
        self.check(theirs, (2, 3))

    def test_group_norm(self):
        theirs = torch.nn.GroupNorm(2, 4, affine=False)(torch.tensor(self.x)).detach().numpy()
        grouped = self.x.reshape(8, 2, 2, 6, 6)
        exact = flax_normalize(grouped, (2, 3, 4), 1e-5, fast=False).reshape(self.x.shape)
        self.assertLess(relative_error(exact, theirs), 1e-4)

    def test_running_variance_is_biased_in_flax(self):
        # torch: running_var uses the unbiased batch variance (n / (n - 1)); Flax the biased one.
        # Flax's is smaller by a factor (n - 1) / n, n = N * H * W per channel.
        layer = torch.nn.BatchNorm2d(4, momentum=0.1)
        flax_running = np.ones(4, dtype=np.float32)
        for _ in range(200):
            layer(torch.tensor(self.x))
            _, var = flax_stats(self.x, (0, 2, 3), fast=False)
            flax_running = 0.9 * flax_running + 0.1 * var
        n = 8 * 6 * 6
        ratio = flax_running / layer.running_var.numpy()
        np.testing.assert_allclose(ratio, (n - 1) / n, rtol=1e-5)


if __name__ == "__main__":
    unittest.main()
