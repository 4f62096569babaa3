"""switcheroo_runtime.torch_max / torch_min against torch.max / torch.min with a second argument:
a dimension gives torch's (values, indices) named tuple, a tensor the elementwise maximum/minimum.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest

import numpy as np
import torch

from numpy_jax import jax_on_numpy, load_runtime


class MaxMinMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rt = load_runtime("switcheroo_runtime_max_min")
        cls.rng = np.random.default_rng(0)

    def test_a_dimension_gives_values_and_indices(self):
        # ties (small integers) and a NaN: torch and the runtime pick the first index of each
        x = self.rng.integers(0, 3, size=(4, 5, 6)).astype(np.float32)
        x[1, 2, 3] = np.nan
        for (theirs, ours) in [(torch.max, self.rt.torch_max), (torch.min, self.rt.torch_min)]:
            for dim in [0, 1, 2, -1, np.int64(1)]:
                for keepdim in [False, True]:
                    expected = theirs(torch.tensor(x), int(dim), keepdim)
                    with jax_on_numpy():
                        result = ours(x, dim, keepdim)
                    values, indices = result
                    np.testing.assert_array_equal(values, expected.values.numpy())
                    np.testing.assert_array_equal(indices, expected.indices.numpy())
                    np.testing.assert_array_equal(result[0], result.values)
                    np.testing.assert_array_equal(result[1], result.indices)
                    self.assertEqual(type(result).__name__, type(expected).__name__.split(".")[-1])

    def test_a_tensor_gives_the_elementwise_maximum(self):
        a = self.rng.normal(size=(3, 4)).astype(np.float32)
        b = self.rng.normal(size=(4,)).astype(np.float32)
        with jax_on_numpy():
            np.testing.assert_array_equal(self.rt.torch_max(a, b), torch.max(torch.tensor(a), torch.tensor(b)).numpy())
            np.testing.assert_array_equal(self.rt.torch_min(a, b), torch.min(torch.tensor(a), torch.tensor(b)).numpy())
            with self.assertRaises(TypeError):
                self.rt.torch_max(a, b, True)


if __name__ == "__main__":
    unittest.main()
