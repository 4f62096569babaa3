"""switcheroo_runtime.pairwise_distance, cosine_similarity, pixel_shuffle, pixel_unshuffle and
channel_shuffle against torch 1.13 on numpy inputs (torch's NCHW layout, its eps and broadcasting).

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import math
import unittest

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime


class RearrangeAndDistanceMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_rearrange_distance")
        cls.rng = np.random.default_rng(0)

    def close(self, ours, theirs):
        self.assertEqual(np.shape(ours), tuple(theirs.shape))
        np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-10, atol=1e-12)

    def test_pairwise_distance(self):
        shapes = [((3, 5), (3, 5)), ((2, 3, 4), (4,)), ((4,), (2, 4)), ((3, 1, 4), (5, 4)), ((6,), (6,))]
        options = [{}, {"p": 1}, {"p": 3.5}, {"p": math.inf}, {"p": 0}, {"eps": 0.1}, {"keepdim": True},
                   {"p": 1, "eps": 0.0, "keepdim": True}]
        for s1, s2 in shapes:
            x1, x2 = self.rng.normal(size=s1), self.rng.normal(size=s2)
            for kwargs in options:
                with self.subTest(s1=s1, s2=s2, **{k: str(v) for k, v in kwargs.items()}):
                    with jax_on_numpy():
                        ours = self.runtime.pairwise_distance(x1, x2, **kwargs)
                    self.close(ours, F.pairwise_distance(torch.tensor(x1), torch.tensor(x2), **kwargs))

    def test_pairwise_distance_positional_as_the_layer_calls_it(self):
        x1, x2 = self.rng.normal(size=(4, 6)), self.rng.normal(size=(4, 6))
        with jax_on_numpy():
            ours = self.runtime.pairwise_distance(x1, x2, 1.0, 1e-3, True)
        self.close(ours, F.pairwise_distance(torch.tensor(x1), torch.tensor(x2), 1.0, 1e-3, True))

    def test_cosine_similarity(self):
        shapes = [((3, 5), (3, 5), 1), ((2, 3, 4), (4,), -1), ((3, 1, 4), (5, 4), -1), ((2, 6, 3), (2, 6, 3), 1),
                  ((2, 6, 3), (1, 6, 1), 0)]
        for s1, s2, dim in shapes:
            x1, x2 = self.rng.normal(size=s1), self.rng.normal(size=s2)
            for eps in (1e-8, 0.5):
                with self.subTest(s1=s1, s2=s2, dim=dim, eps=eps):
                    with jax_on_numpy():
                        ours = self.runtime.cosine_similarity(x1, x2, dim, eps)
                    self.close(ours, F.cosine_similarity(torch.tensor(x1), torch.tensor(x2), dim, eps))

    def test_cosine_similarity_clamps_each_norm_not_their_product(self):
        # |x1| = |x2| = 1e-5: the product 1e-10 is below eps, each norm is not; torch gives 1
        for x1, x2 in (([[1e-5, 0.0]], [[1e-5, 0.0]]), ([[1e-9, 0.0]], [[1.0, 0.0]]), ([[0.0, 0.0]], [[1.0, 2.0]])):
            x1, x2 = np.array(x1), np.array(x2)
            with jax_on_numpy():
                ours = self.runtime.cosine_similarity(x1, x2)
            self.close(ours, F.cosine_similarity(torch.tensor(x1), torch.tensor(x2)))

    def test_pixel_shuffle_and_unshuffle(self):
        for shape, r in (((2, 8, 3, 5), 2), ((18, 2, 3), 3), ((2, 3, 4, 1, 1), 2), ((1, 4, 1, 1), 1)):
            x = self.rng.normal(size=shape)
            with self.subTest(shape=shape, r=r):
                with jax_on_numpy():
                    shuffled = self.runtime.pixel_shuffle(x, r)
                self.close(shuffled, F.pixel_shuffle(torch.tensor(x), r))
                with jax_on_numpy():
                    back = self.runtime.pixel_unshuffle(shuffled, r)
                self.close(back, F.pixel_unshuffle(torch.tensor(shuffled), r))
        for shape, r in (((2, 3, 6, 4), 2), ((3, 9, 6), 3), ((2, 1, 2, 4, 6), 2)):
            x = self.rng.normal(size=shape)
            with self.subTest(unshuffle=shape, r=r):
                with jax_on_numpy():
                    ours = self.runtime.pixel_unshuffle(x, r)
                self.close(ours, F.pixel_unshuffle(torch.tensor(x), r))

    def test_channel_shuffle(self):
        for shape, groups in (((2, 6, 3, 4), 3), ((2, 6, 3, 4), 2), ((1, 8, 5), 4), ((2, 6, 2, 2, 2), 6),
                              ((2, 5, 3), 1)):
            x = self.rng.normal(size=shape)
            with self.subTest(shape=shape, groups=groups):
                with jax_on_numpy():
                    ours = self.runtime.channel_shuffle(x, groups)
                self.close(ours, F.channel_shuffle(torch.tensor(x), groups))
                self.close(ours, torch.channel_shuffle(torch.tensor(x), groups))


if __name__ == "__main__":
    unittest.main()
