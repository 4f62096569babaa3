"""switcheroo_runtime.feature_dropout (dropout1d/2d/3d) and alpha_dropout (alpha_dropout,
feature_alpha_dropout) against torch 1.13: torch's mask is read back from its output and handed to
the runtime as the draw of jax.random.bernoulli, whose shape and keep probability are checked.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import sys
import types
import unittest
import warnings

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime


class FakeModule:
    def make_rng(self, name):
        assert name == "dropout"
        return "key"


class DropoutVariantsMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_dropout_variants")
        cls.rng = np.random.default_rng(0)

    def run_with_mask(self, function, x, mask, p, **kwargs):
        def bernoulli(key, keep, shape):
            self.assertEqual(key, "key")
            self.assertAlmostEqual(keep, 1 - p)
            self.assertEqual(tuple(shape), mask.shape)
            return mask

        with jax_on_numpy():
            sys.modules["jax"].random = types.SimpleNamespace(bernoulli=bernoulli)
            return function(FakeModule(), x, p, True, **kwargs)

    def test_feature_dropout_as_dropout1d_2d_3d(self):
        cases = [(F.dropout1d, 1, (2, 3, 5), (2, 3, 1)), (F.dropout1d, 1, (3, 5), (3, 1)),
                 (F.dropout2d, None, (2, 3, 4, 5), (2, 3, 1, 1)), (F.dropout2d, None, (2, 3, 5), (2, 3, 1)),
                 (F.dropout3d, 3, (2, 3, 2, 2, 2), (2, 3, 1, 1, 1)), (F.dropout3d, 3, (3, 2, 2, 2), (3, 1, 1, 1))]
        for torch_function, spatial, shape, mask_shape in cases:
            for p in (0.3, 0.7):
                with self.subTest(function=torch_function.__name__, shape=shape, p=p):
                    x = np.abs(self.rng.normal(size=shape)) + 0.5
                    torch.manual_seed(1)
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        theirs = torch_function(torch.tensor(x), p, True).numpy()
                    mask = (theirs != 0).all(axis=tuple(i for i, n in enumerate(mask_shape) if n == 1), keepdims=True)
                    ours = self.run_with_mask(self.runtime.feature_dropout, x, mask, p, spatial=spatial)
                    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=0)

    def test_alpha_dropout_and_feature_alpha_dropout(self):
        for feature, shape in ((False, (4, 6)), (False, (2, 3, 4)), (True, (2, 3, 4, 5)), (True, (4, 3, 2))):
            for p in (0.2, 0.5):
                with self.subTest(feature=feature, shape=shape, p=p):
                    x = np.abs(self.rng.normal(size=shape)) + 0.5
                    torch.manual_seed(2)
                    function = F.feature_alpha_dropout if feature else F.alpha_dropout
                    theirs = function(torch.tensor(x), p, True).numpy()
                    dropped = theirs.min()
                    keep = (theirs > dropped + 1e-9).astype(np.float64)
                    if feature:
                        keep = keep.max(axis=tuple(range(2, keep.ndim)), keepdims=True)
                    ours = self.run_with_mask(self.runtime.alpha_dropout, x, keep, p, feature=feature)
                    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)

    def test_evaluation_p_zero_and_p_one(self):
        x = self.rng.normal(size=(2, 3, 4))
        with jax_on_numpy():
            for function in (self.runtime.feature_dropout, self.runtime.alpha_dropout):
                np.testing.assert_array_equal(function(FakeModule(), x, 0.5, False), x)
                np.testing.assert_array_equal(function(FakeModule(), x, 0.0, True), x)
                np.testing.assert_array_equal(function(FakeModule(), x, 1.0, True), F.alpha_dropout(torch.tensor(x), 1.0, True).numpy())
            np.testing.assert_array_equal(self.runtime.alpha_dropout(FakeModule(), x), F.alpha_dropout(torch.tensor(x)).numpy())
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = F.dropout2d(torch.tensor(x), 1.0).numpy()
            np.testing.assert_array_equal(self.runtime.feature_dropout(FakeModule(), x, 1.0), theirs)


if __name__ == "__main__":
    unittest.main()
