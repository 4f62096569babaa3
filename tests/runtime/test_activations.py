"""switcheroo_runtime's activations, normalisations and embedding with torch's arguments as values
(threshold, hardshrink, softshrink, tanhshrink, softplus, gelu, prelu, rrelu in evaluation,
group_norm, local_response_norm, embedding) against torch 1.13, NaN and edge values included.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import contextlib
import math
import sys
import unittest

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime


def _gelu(x, approximate=False):
    # jax.nn.gelu: the tanh form, or x * (1 + erf(x / sqrt(2))) / 2
    if approximate:
        return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))
    return x * (1 + np.vectorize(math.erf)(x / np.sqrt(2))) / 2


@contextlib.contextmanager
def jax_with_activations():
    """The numpy stand-ins, with jax.nn.gelu and jax.lax.stop_gradient (the identity on values)."""
    with jax_on_numpy():
        jax = sys.modules["jax"]
        jax.nn.gelu = _gelu
        jax.lax.stop_gradient = lambda x: x
        yield


class ActivationsMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_activations")
        x = np.random.default_rng(3).normal(scale=3, size=(2, 4, 5, 6))
        x[0, 0, 0, :5] = [np.nan, 0.5, -0.5, 0.0, 25.0]
        cls.x = x

    def check(self, ours, theirs, *args, rtol=1e-12):
        with jax_with_activations():
            got = ours(self.x, *args)
        np.testing.assert_allclose(got, theirs(torch.tensor(self.x), *args).numpy(), rtol=rtol, atol=1e-15)

    def test_threshold(self):
        self.check(self.runtime.threshold, F.threshold, 0.5, -2.0)

    def test_shrinks(self):
        for lambd in (0.5, 1.5):
            self.check(self.runtime.hardshrink, F.hardshrink, lambd)
            self.check(self.runtime.softshrink, F.softshrink, lambd)
        self.check(self.runtime.tanhshrink, F.tanhshrink)

    def test_softplus_with_beta_and_threshold(self):
        for beta, threshold in ((1, 20), (2.0, 20), (0.5, 3.0), (3, 1)):
            with self.subTest(beta=beta, threshold=threshold):
                self.check(self.runtime.softplus, F.softplus, beta, threshold)

    def test_gelu_by_value(self):
        for approximate in ("none", "tanh"):
            with jax_with_activations():
                ours = self.runtime.gelu(self.x, approximate)
            theirs = F.gelu(torch.tensor(self.x), approximate=approximate).numpy()
            np.testing.assert_allclose(ours, theirs, rtol=1e-7, atol=1e-15)
        with jax_with_activations(), self.assertRaises(ValueError):
            self.runtime.gelu(self.x, "sigmoid")

    def test_prelu_one_or_per_channel(self):
        for weight in (np.array([0.25]), np.array([0.1, -0.3, 2.0, 0.5])):
            with self.subTest(size=weight.size):
                with jax_with_activations():
                    ours = self.runtime.prelu(self.x, weight)
                np.testing.assert_allclose(ours, F.prelu(torch.tensor(self.x), torch.tensor(weight)).numpy(), rtol=1e-12)

    def test_rrelu_in_evaluation(self):
        with jax_with_activations():
            ours = self.runtime.rrelu(None, self.x, 0.1, 0.4, False)
        np.testing.assert_allclose(ours, F.rrelu(torch.tensor(self.x), 0.1, 0.4, False).numpy(), rtol=1e-12)

    def test_group_norm(self):
        x = np.nan_to_num(self.x)
        weight, bias = np.linspace(0.5, 2, 4), np.linspace(-1, 1, 4)
        for groups in (1, 2, 4):
            with self.subTest(groups=groups):
                theirs = F.group_norm(torch.tensor(x), groups, torch.tensor(weight), torch.tensor(bias), 1e-3).numpy()
                with jax_with_activations():
                    ours = self.runtime.group_norm(x, groups, weight, bias, 1e-3)
                    plain = self.runtime.group_norm(x[..., 0], groups)
                np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)
                np.testing.assert_allclose(plain, F.group_norm(torch.tensor(x[..., 0]), groups).numpy(), rtol=1e-10, atol=1e-12)

    def test_local_response_norm(self):
        x = np.nan_to_num(self.x)
        for size, shape in ((3, (2, 4, 5)), (2, (2, 4, 5, 6)), (5, (2, 4, 5, 6)), (4, (1, 4, 3, 2, 2))):
            with self.subTest(size=size, rank=len(shape)):
                y = x.reshape(-1)[:int(np.prod(shape))].reshape(shape)
                theirs = F.local_response_norm(torch.tensor(y), size, 1e-2, 0.6, 2.0).numpy()
                with jax_with_activations():
                    ours = self.runtime.local_response_norm(y, size, 1e-2, 0.6, 2.0)
                np.testing.assert_allclose(ours, theirs, rtol=1e-12)

    def test_embedding(self):
        weight = np.random.default_rng(4).normal(size=(7, 3))
        index = np.array([[0, 3, 6], [6, 1, 1]])
        for padding_idx in (None, 1, -1):
            with self.subTest(padding_idx=padding_idx):
                theirs = F.embedding(torch.tensor(index), torch.tensor(weight), padding_idx).numpy()
                with jax_with_activations():
                    ours = self.runtime.embedding(index, weight, padding_idx)
                np.testing.assert_array_equal(ours, theirs)


if __name__ == "__main__":
    unittest.main()
