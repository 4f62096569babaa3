"""switcheroo_runtime.norm, normalize, linear, layer_norm, torch_assert, typename and the data-pipeline
boundary (NumpyCollate, numpy_tree, to_torch) against torch 1.13 on numpy inputs.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import collections
import math
import unittest

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime


class FunctionsMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_functions")
        cls.rng = np.random.default_rng(0)

    def close(self, ours, theirs):
        np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-10, atol=1e-12)

    def test_norm(self):
        x = self.rng.normal(size=(2, 3, 4, 5))
        x[0, 0, 0, :2] = 0.0
        cases = [{}, {"p": 2}, {"p": "fro"}, {"p": 1}, {"p": 3}, {"p": 0.5}, {"p": math.inf}, {"p": -math.inf}, {"p": 0},
                 {"dim": 1}, {"dim": -1, "keepdim": True}, {"p": 1, "dim": (1, 2)}, {"p": "fro", "dim": (2, 3)},
                 {"p": 2, "dim": [0, 3], "keepdim": True}, {"p": math.inf, "dim": 2}, {"keepdim": True}]
        for kwargs in cases:
            with self.subTest(**{k: str(v) for k, v in kwargs.items()}):
                with jax_on_numpy():
                    ours = self.runtime.norm(x, **kwargs)
                self.close(ours, torch.norm(torch.tensor(x), **kwargs))
                self.assertEqual(np.shape(ours), tuple(torch.tensor(x).norm(**kwargs).shape))

    def test_norm_refuses_the_nuclear_norm(self):
        with jax_on_numpy(), self.assertRaises(ValueError):
            self.runtime.norm(np.ones((2, 2)), "nuc")

    def test_normalize(self):
        x = self.rng.normal(size=(4, 6, 3))
        x[1] = 0.0
        for kwargs in [{}, {"p": 1.0}, {"dim": -1}, {"p": 2.0, "dim": 0, "eps": 1e-3}]:
            with self.subTest(**kwargs):
                with jax_on_numpy():
                    ours = self.runtime.normalize(x, **kwargs)
                self.close(ours, F.normalize(torch.tensor(x), **kwargs))

    def test_linear(self):
        x, w, b = self.rng.normal(size=(2, 5, 3)), self.rng.normal(size=(4, 3)), self.rng.normal(size=(4,))
        with jax_on_numpy():
            with_bias, without = self.runtime.linear(x, w, b), self.runtime.linear(x, w)
        self.close(with_bias, F.linear(torch.tensor(x), torch.tensor(w), torch.tensor(b)))
        self.close(without, F.linear(torch.tensor(x), torch.tensor(w)))

    def test_layer_norm(self):
        x = self.rng.normal(size=(2, 3, 4, 5))
        w, b = self.rng.normal(size=(4, 5)), self.rng.normal(size=(4, 5))
        t = torch.tensor
        for args, kwargs in [(((4, 5),), {}), (([5],), {"eps": 1e-3}), (((4, 5), w, b), {}), (((4, 5),), {"weight": w})]:
            with self.subTest(args=len(args), kwargs=list(kwargs)):
                with jax_on_numpy():
                    ours = self.runtime.layer_norm(x, *args, **kwargs)
                theirs = F.layer_norm(t(x), *(t(a) if isinstance(a, np.ndarray) else a for a in args),
                                      **{k: t(v) if isinstance(v, np.ndarray) else v for k, v in kwargs.items()})
                self.close(ours, theirs)

    def test_torch_assert(self):
        self.runtime.torch_assert(3 == 3, "fine")
        with self.assertRaisesRegex(AssertionError, "wrong size"):
            self.runtime.torch_assert(2 == 3, "wrong size")
        with self.assertRaisesRegex(AssertionError, "wrong size"):
            torch._assert(2 == 3, "wrong size")

    def test_typename_of_arrays_is_torchs_name_of_the_tensor(self):
        for dtype in (np.float32, np.float64, np.float16, np.int64, np.int32, np.int16, np.int8, np.uint8,
                      np.bool_, np.complex64, np.complex128):
            with self.subTest(dtype=np.dtype(dtype).name):
                array = np.zeros((2, 3), dtype=dtype)
                self.assertEqual(self.runtime.typename(array), torch.typename(torch.from_numpy(array)))

    def test_typename_of_an_array_on_a_gpu(self):
        class Gpu:
            platform = "gpu"

        class OnGpu(np.ndarray):
            def devices(self):
                return {Gpu()}

        array = np.zeros(3, dtype=np.float32).view(OnGpu)
        self.assertEqual(self.runtime.typename(array), "torch.cuda.FloatTensor")

    def test_typename_of_other_objects_is_torchs(self):
        class Outer:
            class Inner:
                pass

            def method(self):
                pass

        def local():
            pass

        objects = [3, 2.5, "text", None, [1], (1, 2), {"a": 1}, collections.OrderedDict(), Outer(), Outer.Inner(),
                   Outer, Outer.Inner, Outer.method, Outer().method, local, lambda: 0, len, int, np.float32(1.0),
                   math.sqrt, unittest.TestCase, self, torch.nn.Linear(2, 3), torch.nn.Linear, collections]
        for o in objects:
            with self.subTest(o=repr(o)[:40]):
                self.assertEqual(self.runtime.typename(o), torch.typename(o))


class DataBoundary(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_data")

    def test_numpy_collate_gives_numpy_batches_of_default_collate(self):
        samples = [(torch.full((2, 3), float(i)), i) for i in range(4)]
        loader = torch.utils.data.DataLoader(samples, batch_size=3, collate_fn=self.runtime.NumpyCollate())
        batches = list(loader)
        self.assertEqual(len(batches), 2)
        x, y = batches[0]
        self.assertIsInstance(x, np.ndarray)
        self.assertIsInstance(y, np.ndarray)
        expected_x, expected_y = torch.utils.data.default_collate(samples[:3])
        np.testing.assert_array_equal(x, expected_x.numpy())
        np.testing.assert_array_equal(y, expected_y.numpy())
        self.assertEqual(y.dtype, np.int64)

    def test_a_given_collate_fn_runs_and_dicts_and_namedtuples_keep_their_shape(self):
        Pair = collections.namedtuple("Pair", ["image", "label"])

        def collate(batch):
            return {"pair": Pair(torch.stack([s[0] for s in batch]), torch.tensor([s[1] for s in batch])), "names": ["a"] * len(batch)}

        out = self.runtime.NumpyCollate(collate)([(torch.ones(2), 1), (torch.zeros(2), 0)])
        self.assertIsInstance(out["pair"], Pair)
        self.assertIsInstance(out["pair"].image, np.ndarray)
        np.testing.assert_array_equal(out["pair"].label, [1, 0])
        self.assertEqual(out["names"], ["a", "a"])

    def test_samples_that_are_already_arrays_collate(self):
        out = self.runtime.NumpyCollate()([np.ones(3, np.float32), np.zeros(3, np.float32)])
        self.assertIsInstance(out, np.ndarray)
        self.assertEqual(out.shape, (2, 3))

    def test_to_torch(self):
        t = self.runtime.to_torch(np.arange(6.0).reshape(2, 3))
        self.assertIsInstance(t, torch.Tensor)
        self.assertEqual(tuple(t.shape), (2, 3))


if __name__ == "__main__":
    unittest.main()
