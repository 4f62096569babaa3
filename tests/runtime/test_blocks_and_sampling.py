"""switcheroo_runtime.unfold, fold, grid_sample, flatten (with end_dim), unflatten and divide
against torch 1.13 on numpy inputs, on torch's channels-first layout.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import itertools
import unittest

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime


class BlocksAndSamplingMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_blocks_sampling")
        cls.rng = np.random.default_rng(12)

    def close(self, ours, theirs, rtol=1e-10, atol=1e-12):
        self.assertEqual(np.shape(ours), tuple(theirs.shape))
        np.testing.assert_allclose(ours, theirs.numpy(), rtol=rtol, atol=atol)

    GEOMETRIES = [
        {"kernel_size": 3},
        {"kernel_size": 3, "padding": 1},
        {"kernel_size": (2, 3), "stride": 2},
        {"kernel_size": 2, "dilation": 2, "padding": (1, 0), "stride": (1, 2)},
        {"kernel_size": (3, 1), "dilation": (1, 3), "padding": 2, "stride": 3},
    ]

    def test_unfold(self):
        for shape in ((2, 3, 7, 8), (1, 2, 5, 5), (3, 5, 6)):
            x = self.rng.normal(size=shape)
            for kwargs in self.GEOMETRIES:
                with self.subTest(shape=shape, **{k: str(v) for k, v in kwargs.items()}):
                    with jax_on_numpy():
                        ours = self.runtime.unfold(x, **kwargs)
                    self.close(ours, F.unfold(torch.tensor(x), **kwargs))

    def test_unfold_positional_as_the_layer_calls_it(self):
        x = self.rng.normal(size=(2, 3, 9, 7))
        with jax_on_numpy():
            ours = self.runtime.unfold(x, (2, 3), 2, 1, (2, 1))
        self.close(ours, F.unfold(torch.tensor(x), (2, 3), 2, 1, (2, 1)))

    def test_fold(self):
        for output_size in ((7, 8), 6, (5, 9)):
            for kwargs in self.GEOMETRIES:
                for batch in ((2,), ()):
                    size = (output_size,) * 2 if isinstance(output_size, int) else output_size
                    probe = F.unfold(torch.zeros(1, 3, *size), **kwargs)
                    x = self.rng.normal(size=batch + tuple(probe.shape[1:]))
                    with self.subTest(output_size=output_size, batch=batch, **{k: str(v) for k, v in kwargs.items()}):
                        with jax_on_numpy():
                            ours = self.runtime.fold(x, output_size, **kwargs)
                        self.close(ours, F.fold(torch.tensor(x), output_size, **kwargs))

    def test_fold_positional_as_the_layer_calls_it(self):
        x = self.rng.normal(size=(2, 3 * 6, 12))
        with jax_on_numpy():
            ours = self.runtime.fold(x, (5, 7), (2, 3), 1, 1, 2)
        self.close(ours, F.fold(torch.tensor(x), (5, 7), (2, 3), 1, 1, 2))

    def test_fold_of_unfold_counts_overlaps(self):
        x = self.rng.normal(size=(1, 2, 6, 6))
        with jax_on_numpy():
            ours = self.runtime.fold(self.runtime.unfold(x, 3, padding=1), (6, 6), 3, padding=1)
        self.close(ours, F.fold(F.unfold(torch.tensor(x), 3, padding=1), (6, 6), 3, padding=1))

    def grid(self, shape, spread=1.3):
        # beyond [-1, 1] on purpose: every padding mode is exercised; exact edges and centres included
        grid = self.rng.uniform(-spread, spread, size=shape)
        flat = grid.reshape(-1)
        flat[:6] = [-1.0, 1.0, 0.0, -1.0, 1.0, 0.5]
        return grid

    def test_grid_sample_2d(self):
        x = self.rng.normal(size=(2, 3, 5, 7))
        grid = self.grid((2, 4, 6, 2))
        for mode, padding, align in itertools.product(("bilinear", "nearest", "bicubic"), ("zeros", "border", "reflection"),
                                                      (False, True)):
            with self.subTest(mode=mode, padding_mode=padding, align_corners=align):
                with jax_on_numpy():
                    ours = self.runtime.grid_sample(x, grid, mode, padding, align)
                theirs = F.grid_sample(torch.tensor(x), torch.tensor(grid), mode=mode, padding_mode=padding, align_corners=align)
                self.close(ours, theirs, rtol=1e-9, atol=1e-10)

    def test_grid_sample_3d(self):
        x = self.rng.normal(size=(2, 2, 4, 5, 3))
        grid = self.grid((2, 3, 2, 4, 3))
        for mode, padding, align in itertools.product(("bilinear", "nearest"), ("zeros", "border", "reflection"), (False, True)):
            with self.subTest(mode=mode, padding_mode=padding, align_corners=align):
                with jax_on_numpy():
                    ours = self.runtime.grid_sample(x, grid, mode=mode, padding_mode=padding, align_corners=align)
                theirs = F.grid_sample(torch.tensor(x), torch.tensor(grid), mode=mode, padding_mode=padding, align_corners=align)
                self.close(ours, theirs, rtol=1e-9, atol=1e-10)

    def test_grid_sample_defaults_and_align_corners_none(self):
        x = self.rng.normal(size=(1, 2, 6, 4))
        grid = self.grid((1, 3, 3, 2))
        with jax_on_numpy():
            ours = self.runtime.grid_sample(x, grid, align_corners=None)
        self.close(ours, F.grid_sample(torch.tensor(x), torch.tensor(grid), align_corners=False), rtol=1e-9, atol=1e-10)

    def test_grid_sample_float32_and_one_pixel_axes(self):
        for shape in ((1, 2, 1, 5), (1, 1, 4, 1)):
            x = self.rng.normal(size=shape).astype(np.float32)
            grid = self.grid((1, 3, 4, 2)).astype(np.float32)
            for padding, align in itertools.product(("zeros", "border", "reflection"), (False, True)):
                with self.subTest(shape=shape, padding_mode=padding, align_corners=align):
                    with jax_on_numpy():
                        ours = self.runtime.grid_sample(x, grid, padding_mode=padding, align_corners=align)
                    theirs = F.grid_sample(torch.tensor(x), torch.tensor(grid), padding_mode=padding, align_corners=align)
                    self.assertEqual(ours.dtype, np.float32)
                    self.close(ours, theirs, rtol=1e-5, atol=1e-6)

    def test_grid_sample_refuses_what_torch_refuses(self):
        x, grid = np.zeros((1, 1, 3, 3)), np.zeros((1, 2, 2, 2))
        with jax_on_numpy():
            with self.assertRaises(ValueError):
                self.runtime.grid_sample(x, grid, mode="area")
            with self.assertRaises(ValueError):
                self.runtime.grid_sample(x, grid, padding_mode="circular")
            with self.assertRaises(ValueError):
                self.runtime.grid_sample(np.zeros((1, 1, 2, 3, 3)), np.zeros((1, 2, 2, 2, 3)), mode="bicubic")

    def test_flatten_with_end_dim(self):
        x = self.rng.normal(size=(2, 3, 4, 5))
        for start, end in ((0, -1), (1, -1), (0, -2), (1, 2), (-3, -2), (2, 2), (0, 3), (-1, -1)):
            with self.subTest(start=start, end=end):
                self.close(self.runtime.flatten(x, start, end), torch.flatten(torch.tensor(x), start, end))
        self.close(self.runtime.flatten(np.float64(3.0), 0, -1), torch.flatten(torch.tensor(3.0, dtype=torch.float64)))
        empty = np.zeros((2, 0, 3))
        self.close(self.runtime.flatten(empty, 0, 1), torch.flatten(torch.zeros(2, 0, 3, dtype=torch.float64), 0, 1))
        with self.assertRaises(RuntimeError):
            self.runtime.flatten(x, 2, 1)

    def test_unflatten(self):
        x = self.rng.normal(size=(2, 12, 5))
        for dim, sizes in ((1, (3, 4)), (1, [2, -1]), (-2, (2, 2, 3)), (0, (1, 2)), (2, (5,)), (-1, (-1, 1))):
            with self.subTest(dim=dim, sizes=sizes):
                self.close(self.runtime.unflatten(x, dim, sizes), torch.tensor(x).unflatten(dim, sizes))
        empty = np.zeros((2, 0))
        self.close(self.runtime.unflatten(empty, 1, (-1, 3)), torch.zeros(2, 0, dtype=torch.float64).unflatten(1, (-1, 3)))
        with self.assertRaises(RuntimeError):
            self.runtime.unflatten(x, 1, (5, 2))

    def test_divide(self):
        floats = (self.rng.normal(size=(3, 4)) * 7, self.rng.normal(size=(4,)) * 2)
        ints = (np.array([7, -7, 6, -6, 5, 0, -1]), np.array([2, 2, -4, -4, -5, 3, 2]))
        for (a, b), mode in itertools.product((floats, ints, (floats[0], 3), (ints[0], -3)), (None, "floor", "trunc")):
            with self.subTest(a=a.dtype, b=type(b).__name__, mode=mode):
                with jax_on_numpy():
                    ours = self.runtime.divide(a, b, rounding_mode=mode)
                theirs = torch.div(torch.tensor(a), b if isinstance(b, int) else torch.tensor(b), rounding_mode=mode)
                self.assertEqual(np.asarray(ours).dtype.kind, theirs.numpy().dtype.kind)
                single = theirs.dtype == torch.float32  # torch divides integers into its default float32
                self.close(ours, theirs, rtol=1e-6 if single else 1e-10)
        with jax_on_numpy():
            with self.assertRaises(ValueError):
                self.runtime.divide(floats[0], 2.0, rounding_mode="round")


if __name__ == "__main__":
    unittest.main()
