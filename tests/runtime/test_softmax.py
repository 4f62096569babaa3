"""switcheroo_runtime.softmax_implicit / log_softmax_implicit (F.softmax(x) without dim) against
torch for inputs of rank 0 to 4: torch's implicit dimension is 0 for 0-, 1- and 3-D inputs, else 1.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest
import warnings

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime


class ImplicitDimMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_softmax")
        cls.rng = np.random.default_rng(0)

    def check(self, ours, theirs):
        for shape in [(), (5,), (2, 5), (2, 3, 4), (2, 3, 4, 5)]:
            with self.subTest(rank=len(shape)):
                x = self.rng.normal(size=shape)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # torch warns that the implicit dim is deprecated
                    expected = theirs(torch.tensor(x)).numpy()
                with jax_on_numpy():
                    np.testing.assert_allclose(ours(x), expected, rtol=1e-12, atol=1e-15)

    def test_softmax(self):
        self.check(self.runtime.softmax_implicit, F.softmax)

    def test_log_softmax(self):
        self.check(self.runtime.log_softmax_implicit, F.log_softmax)

    def test_module_forms_too(self):
        self.check(self.runtime.softmax_implicit, torch.nn.Softmax())
        self.check(self.runtime.log_softmax_implicit, torch.nn.LogSoftmax())

    def test_dim_as_a_value(self):
        # torch's nn.Softmax/LogSoftmax/Softmin pass their dim, None by default, to the function
        for dim in (None, 0, -1):
            with self.subTest(dim=dim):
                self.check(lambda x: self.runtime.softmax(x, dim), torch.nn.Softmax(dim))
                self.check(lambda x: self.runtime.log_softmax(x, dim), torch.nn.LogSoftmax(dim))
                self.check(lambda x: self.runtime.softmin(x, dim), torch.nn.Softmin(dim))

    def test_the_last_axis_would_differ(self):
        x = self.rng.normal(size=(2, 3, 4))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = F.softmax(torch.tensor(x)).numpy()
        with jax_on_numpy():
            self.assertFalse(np.allclose(np.exp(x) / np.exp(x).sum(-1, keepdims=True), theirs))


if __name__ == "__main__":
    unittest.main()
