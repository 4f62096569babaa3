"""switcheroo_runtime.max_pool / avg_pool / lp_pool (torch.nn.functional's pooling with its arguments
as values: dilation, ceil_mode, count_include_pad, divisor_override, return_indices) against torch
1.13 for 1-, 2- and 3-D pooling, batched and unbatched.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import itertools
import unittest

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime

MAX = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
AVG = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}
SIDES = {1: (11,), 2: (9, 10), 3: (7, 6, 8)}


class PoolingMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_pooling")
        cls.rng = np.random.default_rng(12)

    def input(self, spatial, batched=True):
        shape = ((2,) if batched else ()) + (3,) + SIDES[spatial]
        return self.rng.normal(size=shape)

    def test_max_pool_every_argument(self):
        for spatial, (k, s, p, d, ceil) in itertools.product(
                (1, 2, 3), [(3, 2, 1, 1, False), (3, 2, 1, 1, True), (2, None, 0, 1, True), (3, 1, 1, 2, False),
                            (2, 3, 1, 2, True), ((3, 2), 2, 0, 1, True)]):
            kernel = k if isinstance(k, int) else (k + (2, 2))[:spatial]
            with self.subTest(spatial=spatial, k=kernel, s=s, p=p, d=d, ceil=ceil):
                x = self.input(spatial)
                theirs, their_index = MAX[spatial](torch.tensor(x), kernel, s, p, d, ceil_mode=ceil, return_indices=True)
                with jax_on_numpy():
                    ours = self.runtime.max_pool(x, kernel, s, p, d, ceil, False, spatial=spatial)
                    values, index = self.runtime.max_pool(x, kernel, s, p, d, ceil, True, spatial=spatial)
                np.testing.assert_array_equal(ours, theirs.numpy())
                np.testing.assert_array_equal(values, theirs.numpy())
                np.testing.assert_array_equal(index, their_index.numpy())

    def test_max_pool_unbatched_ties_and_nan(self):
        x = np.round(self.input(2, batched=False))
        x[0, 3, 4] = np.nan
        theirs, their_index = F.max_pool2d(torch.tensor(x), 3, 2, 1, return_indices=True)
        with jax_on_numpy():
            values, index = self.runtime.max_pool(x, 3, 2, 1, return_indices=True)
        np.testing.assert_array_equal(values, theirs.numpy())
        np.testing.assert_array_equal(index, their_index.numpy())

    def test_avg_pool_every_argument(self):
        for spatial, (k, s, p, ceil, include, divisor) in itertools.product(
                (1, 2, 3), [(3, 2, 1, False, True, None), (3, 2, 1, True, True, None), (3, 2, 1, True, False, None),
                            (2, None, 1, False, False, None), (4, 3, 2, True, True, None), (3, 2, 1, True, False, 5)]):
            if spatial == 1 and divisor is not None:
                continue  # avg_pool1d has no divisor_override
            with self.subTest(spatial=spatial, k=k, s=s, p=p, ceil=ceil, include=include, divisor=divisor):
                x = self.input(spatial)
                extra = () if spatial == 1 else (divisor,)
                theirs = AVG[spatial](torch.tensor(x), k, s, p, ceil, include, *extra).numpy()
                with jax_on_numpy():
                    ours = self.runtime.avg_pool(x, k, s, p, ceil, include, divisor, spatial=spatial)
                np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)

    def test_avg_pool_unbatched(self):
        x = self.input(2, batched=False)
        theirs = F.avg_pool2d(torch.tensor(x), (3, 2), (2, 1), (1, 0), True, False).numpy()
        with jax_on_numpy():
            ours = self.runtime.avg_pool(x, (3, 2), (2, 1), (1, 0), True, False)
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)

    def test_lp_pool(self):
        for (spatial, function), (p, k, s, ceil) in itertools.product(
                [(1, F.lp_pool1d), (2, F.lp_pool2d)], [(2.0, 3, None, False), (3.0, 2, 1, False), (2.0, 3, 2, True),
                                                       (1.5, 2, None, True)]):
            with self.subTest(spatial=spatial, p=p, k=k, s=s, ceil=ceil):
                x = np.abs(self.input(spatial)) if p == 1.5 else self.input(spatial)
                theirs = function(torch.tensor(x), p, k, s, ceil).numpy()
                with jax_on_numpy(), np.errstate(invalid="ignore"):  # a negative mean of cubes: NaN, as torch's
                    ours = self.runtime.lp_pool(x, p, k, s, ceil, spatial=spatial)
                np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)

    def test_adaptive_max_pool_indices(self):
        functions = {1: F.adaptive_max_pool1d, 2: F.adaptive_max_pool2d, 3: F.adaptive_max_pool3d}
        for spatial, size in [(1, 4), (2, (4, 3)), (2, (None, 4)), (3, (2, 3, 5))]:
            with self.subTest(spatial=spatial, size=size):
                x = np.round(self.input(spatial), 1)
                x[1, 2].flat[3] = np.nan
                x[1, 2].flat[4] = np.nan
                theirs, their_index = functions[spatial](torch.tensor(x), size, True)
                with jax_on_numpy():
                    values, index = self.runtime.adaptive_max_pool(x, size, spatial, return_indices=True)
                    plain = self.runtime.adaptive_max_pool(x, size, spatial)
                np.testing.assert_array_equal(values, theirs.numpy())
                np.testing.assert_array_equal(plain, theirs.numpy())
                np.testing.assert_array_equal(index, their_index.numpy())

    def test_max_unpool_of_max_pool(self):
        unpool = {1: F.max_unpool1d, 2: F.max_unpool2d, 3: F.max_unpool3d}
        # sides that max_pool's windows cover exactly, so torch's default output size holds every index
        for spatial, (k, s, p, side, size) in itertools.product(
                (1, 2, 3), [(2, None, 0, 8, None), (3, 2, 1, 7, None), (2, 2, 0, 6, "bigger")]):
            with self.subTest(spatial=spatial, k=k, s=s, p=p, size=size):
                x = self.rng.normal(size=(2, 3) + (side,) * spatial)
                pooled, index = MAX[spatial](torch.tensor(x), k, s, p, return_indices=True)
                out = None if size is None else tuple(n + 1 for n in unpool[spatial](pooled, index, k, s, p).shape[2:])
                theirs = unpool[spatial](pooled, index, k, s, p, out).numpy()
                with jax_on_numpy():
                    ours = self.runtime.max_unpool(pooled.numpy(), index.numpy(), k, s, p, out, spatial=spatial)
                np.testing.assert_array_equal(ours, theirs)
        with jax_on_numpy(), self.assertRaises(ValueError):
            self.runtime.max_unpool(np.zeros((1, 1, 3, 3)), np.zeros((1, 1, 3, 3), np.int64), 2, output_size=(9, 9))


if __name__ == "__main__":
    unittest.main()
