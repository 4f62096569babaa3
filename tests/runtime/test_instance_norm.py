"""switcheroo_runtime.instance_norm against torch.nn.functional.instance_norm (the input's own
statistics), for 1-, 2- and 3-D spatial inputs, with and without weight and bias.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime


class InstanceNormMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rt = load_runtime("switcheroo_runtime_instance_norm")
        cls.rng = np.random.default_rng(0)

    def test_every_rank_with_and_without_affine(self):
        for shape in [(2, 3, 7), (2, 4, 5, 6), (1, 2, 3, 4, 5)]:
            x = (self.rng.normal(size=shape) * 3 + 1).astype(np.float32)
            weight = self.rng.normal(size=shape[1]).astype(np.float32)
            bias = self.rng.normal(size=shape[1]).astype(np.float32)
            for kwargs in [{}, {"weight": weight, "bias": bias}, {"weight": weight}, {"eps": 1e-3}]:
                torch_kwargs = {k: torch.tensor(v) if isinstance(v, np.ndarray) else v for k, v in kwargs.items()}
                expected = F.instance_norm(torch.tensor(x), **torch_kwargs).numpy()
                with jax_on_numpy():
                    ours = self.rt.instance_norm(x, **kwargs)
                np.testing.assert_allclose(ours, expected, rtol=1e-5, atol=1e-5, err_msg=str((shape, list(kwargs))))

    def test_the_layers_compute_the_same(self):
        # nn.InstanceNorm2d (affine=False, no running statistics by default) is F.instance_norm
        x = self.rng.normal(size=(2, 3, 4, 5)).astype(np.float32)
        expected = torch.nn.InstanceNorm2d(3)(torch.tensor(x)).numpy()
        with jax_on_numpy():
            np.testing.assert_allclose(self.rt.instance_norm(x), expected, rtol=1e-5, atol=1e-5)


if __name__ == "__main__":
    unittest.main()
