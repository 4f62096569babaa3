"""switcheroo_runtime.ChannelsFirst: the wrapped layer sees channels last, its caller gets torch's
channels-first layout back (the runtime's own module on numpy: numpy_flax.py stands in for
flax.linen). A torch Conv2d and the same convolution written channels-last agree through it.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest

import numpy as np
import torch

from numpy_flax import apply, flax_on_numpy
from numpy_jax import load_runtime


class ChannelsLastConv:
    """A 1x1 convolution over the last axis, as a Flax Conv computes it on NHWC input."""

    def __init__(self, weight, bias):
        self.weight, self.bias, self.seen = weight, bias, None

    def __call__(self, x):
        self.seen = x.shape
        return x @ self.weight + self.bias


class ChannelsFirstMatchesTorch(unittest.TestCase):
    def test_a_pointwise_convolution_through_the_wrapper_is_torch_s(self):
        runtime = load_runtime("switcheroo_runtime_channels_first")
        conv = torch.nn.Conv2d(3, 5, 1)
        x = np.random.default_rng(0).normal(size=(2, 3, 4, 6)).astype(np.float32)
        layer = ChannelsLastConv(conv.weight.detach().numpy()[:, :, 0, 0].T, conv.bias.detach().numpy())
        with flax_on_numpy():
            got, _ = apply(runtime.ChannelsFirst(layer), {}, x)
        self.assertEqual(layer.seen, (2, 4, 6, 3))
        np.testing.assert_allclose(got, conv(torch.tensor(x)).detach().numpy(), rtol=1e-5, atol=1e-6)


if __name__ == "__main__":
    unittest.main()
