"""switcheroo_runtime's form helpers (size_tuple, padding_pairs, trailing_axes, as_shape) and the
one-call forms of torch functions JAX has no one-line form for (flatten, split, chunk, pad,
expand, dropout, normal_like, uniform_like, bernoulli), against torch.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import types
import unittest

import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.modules.utils import _pair, _triple

from numpy_jax import jax_on_numpy, load_runtime


class FormsMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rt = load_runtime("switcheroo_runtime_forms")
        cls.rng = np.random.default_rng(0)

    def test_size_tuple_is_torchs_pair_and_triple(self):
        for value in [3, (3, 5), [2, 4]]:
            self.assertEqual(self.rt.size_tuple(value, 2), _pair(value))
        self.assertEqual(self.rt.size_tuple(2, 3), _triple(2))
        self.assertEqual(self.rt.size_tuple(4, 1), (4,))

    def test_padding_pairs_pad_like_torchs_pooling(self):
        x = torch.tensor(self.rng.normal(size=(1, 1, 6, 7)))
        for padding in [0, 1, (1, 0), [0, 1]]:
            pairs = self.rt.padding_pairs(padding, 2)
            expected = F.max_pool2d(x, 3, stride=1, padding=padding).numpy()
            padded = np.pad(x.numpy(), [(0, 0), (0, 0)] + list(pairs), constant_values=-np.inf)
            ours = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(2, 3)).max(axis=(-1, -2))
            np.testing.assert_array_equal(ours, expected)
        self.assertEqual(self.rt.padding_pairs("same", 2), "SAME")

    def test_trailing_axes_are_the_axes_layer_norm_normalizes(self):
        x = torch.tensor(self.rng.normal(size=(2, 3, 4)))
        for shape in [4, (4,), (3, 4)]:
            axes = self.rt.trailing_axes(shape)
            xs = x.numpy()
            mean = xs.mean(axis=axes, keepdims=True)
            ours = (xs - mean) / np.sqrt(xs.var(axis=axes, keepdims=True) + 1e-5)
            normalized = (shape,) if isinstance(shape, int) else shape
            np.testing.assert_allclose(ours, F.layer_norm(x, normalized).numpy(), rtol=1e-10, atol=1e-12)

    def test_as_shape(self):
        self.assertEqual(self.rt.as_shape(3), (3,))
        self.assertEqual(self.rt.as_shape([2, 3]), (2, 3))

    def test_flatten(self):
        x = self.rng.normal(size=(2, 3, 4, 5))
        for start in [0, 1, 2, -2]:
            np.testing.assert_array_equal(self.rt.flatten(x, start), torch.flatten(torch.tensor(x), start).numpy())

    def test_split_and_chunk(self):
        x = self.rng.normal(size=(7, 10))
        with jax_on_numpy():
            for size in [2, 3, 10, [3, 7], (2, 2, 6)]:
                ours = self.rt.split(x, size, axis=1)
                theirs = torch.tensor(x).split(size, dim=1)
                self.assertEqual(len(ours), len(theirs))
                for a, b in zip(ours, theirs):
                    np.testing.assert_array_equal(a, b.numpy())
            for chunks in [1, 2, 3, 6, 7]:
                ours = self.rt.chunk(x, chunks, axis=0)
                theirs = torch.tensor(x).chunk(chunks, dim=0)
                self.assertEqual(len(ours), len(theirs))
                for a, b in zip(ours, theirs):
                    np.testing.assert_array_equal(a, b.numpy())

    def test_pad(self):
        x = self.rng.normal(size=(2, 3, 4))
        with jax_on_numpy():
            for pads in [(1, 2), (1, 1, 2, 0), (0, 1, 2, 3, 1, 0)]:
                np.testing.assert_array_equal(self.rt.pad(x, pads, value=1.5), F.pad(torch.tensor(x), pads, value=1.5).numpy())

    def test_expand(self):
        x = self.rng.normal(size=(3, 1))
        with jax_on_numpy():
            for size in [(3, 4), (-1, 4), (2, 3, 4), (2, -1, -1)]:
                np.testing.assert_array_equal(self.rt.expand(x, size), torch.tensor(x).expand(*size).numpy())

    def test_adaptive_pools_use_torchs_windows(self):
        cases = [((2, 3, 13, 9), 2, (7, 7)), ((2, 3, 13, 9), 2, (6, None)), ((1, 2, 5, 8), 2, 1),
                 ((1, 2, 4, 6), 2, (4, 3)), ((2, 3, 10), 1, 4), ((1, 2, 5, 7, 6), 3, (3, 2, 4))]
        adaptive = {1: (F.adaptive_avg_pool1d, F.adaptive_max_pool1d), 2: (F.adaptive_avg_pool2d, F.adaptive_max_pool2d),
                    3: (F.adaptive_avg_pool3d, F.adaptive_max_pool3d)}
        with jax_on_numpy():
            for shape, spatial, size in cases:
                x = self.rng.normal(size=shape)
                average, maximum = adaptive[spatial]
                np.testing.assert_allclose(self.rt.adaptive_avg_pool(x, size, spatial), average(torch.tensor(x), size).numpy(), rtol=1e-12)
                np.testing.assert_array_equal(self.rt.adaptive_max_pool(x, size, spatial), maximum(torch.tensor(x), size).numpy())

    def test_ceil_mode_input_gives_torchs_ceil_mode_windows(self):
        for shape, k, s, p in [((1, 2, 13, 13), 3, 2, 0), ((1, 1, 14, 9), 3, 2, 1), ((2, 3, 7, 8), 2, 2, 0),
                               ((1, 1, 6, 6), 3, 3, 1), ((1, 1, 10, 11), (3, 2), (2, 3), (1, 0))]:
            x = self.rng.normal(size=shape)
            expected = F.max_pool2d(torch.tensor(x), k, stride=s, padding=p, ceil_mode=True).numpy()
            with jax_on_numpy():
                padded = self.rt.ceil_mode_input(x, k, s, p, True)
            kh, kw = _pair(k)
            sh, sw = _pair(s)
            ph, pw = _pair(p)
            padded = np.pad(padded, [(0, 0), (0, 0), (ph, ph), (pw, pw)], constant_values=-np.inf)
            windows = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]
            np.testing.assert_array_equal(windows.max(axis=(-1, -2)), expected)
        with jax_on_numpy():
            x = self.rng.normal(size=(1, 1, 5, 5))
            self.assertIs(self.rt.ceil_mode_input(x, 2, 2, 0, False), x)


    def test_ceil_mode_input_in_one_and_three_dimensions(self):
        for shape, k, s, p in [((1, 2, 13), 3, 2, 0), ((2, 1, 10), 2, 3, 1), ((1, 1, 7, 6, 9), 3, 2, 1), ((1, 2, 5, 8, 6), 2, 2, 0)]:
            x = self.rng.normal(size=shape)
            spatial = len(shape) - 2
            pool = F.max_pool1d if spatial == 1 else F.max_pool3d
            expected = pool(torch.tensor(x), k, stride=s, padding=p, ceil_mode=True).numpy()
            with jax_on_numpy():
                padded = self.rt.ceil_mode_input(x, k, s, p, True)
            padded = np.pad(padded, [(0, 0), (0, 0)] + [(p, p)] * spatial, constant_values=-np.inf)
            axes = tuple(range(2, 2 + spatial))
            windows = np.lib.stride_tricks.sliding_window_view(padded, (k,) * spatial, axis=axes)
            windows = windows[(slice(None), slice(None)) + (slice(None, None, s),) * spatial]
            np.testing.assert_array_equal(windows.max(axis=tuple(range(-spatial, 0))), expected)


class RandomForms(unittest.TestCase):
    """The random helpers draw with the key they are given; a stand-in jax.random records the calls."""

    @classmethod
    def setUpClass(cls):
        cls.rt = load_runtime("switcheroo_runtime_random_forms")

    def random(self):
        calls = []

        def draw(name):
            def f(key, *args):
                calls.append((name, key) + args)
                if name == "bernoulli":
                    return np.ones(np.shape(args[0]), dtype=bool)
                return np.ones(args[0], dtype=args[1])
            return f

        return calls, types.SimpleNamespace(normal=draw("normal"), uniform=draw("uniform"), bernoulli=draw("bernoulli"))

    def test_like_functions_take_shape_and_dtype(self):
        x = np.zeros((2, 3), np.float32)
        calls, random = self.random()
        with jax_on_numpy():
            import sys
            sys.modules["jax"].random = random
            self.assertEqual(self.rt.normal_like("k", x).dtype, np.float32)
            self.assertEqual(self.rt.uniform_like("k", x).shape, (2, 3))
            self.assertEqual(self.rt.bernoulli("k", x).dtype, np.float32)
        self.assertEqual([c[:2] for c in calls], [("normal", "k"), ("uniform", "k"), ("bernoulli", "k")])
        self.assertEqual(calls[0][2:], ((2, 3), np.float32))

    def test_dropout_draws_only_when_it_drops(self):
        class Module:
            def __init__(self):
                self.streams = []

            def make_rng(self, name):
                self.streams.append(name)
                return "key"

        x = np.full((2, 2), 3.0)
        module = Module()
        calls, random = self.random()
        random.bernoulli = lambda key, keep, shape: np.array([[True, False], [False, True]])
        with jax_on_numpy():
            import sys
            sys.modules["jax"].random = random
            np.testing.assert_array_equal(self.rt.dropout(module, x, p=0.5, train=False), x)
            np.testing.assert_array_equal(self.rt.dropout(module, x, p=0.0, train=True), x)
            self.assertEqual(module.streams, [])
            np.testing.assert_array_equal(self.rt.dropout(module, x, p=0.5, train=True), [[6.0, 0.0], [0.0, 6.0]])
        self.assertEqual(module.streams, ["dropout"])


if __name__ == "__main__":
    unittest.main()
