"""switcheroo_runtime.torch_kernel_init and torch_bias_init against torch's own default
initialisation of Linear and Conv layers (torch.nn.init.kaiming_uniform_(a=sqrt(5)) for weights,
U(+-1/sqrt(fan_in)) for biases): the bounds the runtime draws within, computed from Flax's kernel
shapes, equal torch's, computed by torch from its weight shapes. jax.random.uniform is modelled by
numpy's generator (numpy_jax.py), so the bounds are what is compared, and the draws' range.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import math
import unittest

import numpy as np
import torch

from numpy_jax import jax_on_numpy, load_runtime


def torch_bound(weight):
    fan_in, _ = torch.nn.init._calculate_fan_in_and_fan_out(weight)
    gain = torch.nn.init.calculate_gain("leaky_relu", math.sqrt(5))
    return math.sqrt(3.0) * gain / math.sqrt(fan_in), 1 / math.sqrt(fan_in)


def flax_kernel_shape(layer):
    """The Flax kernel of the converted layer: Dense (in, out); Conv (*kernel, in / groups, out);
    ConvTranspose (*kernel, out, in), from torch's (in, out, *kernel)."""
    weight = layer.weight
    if weight.dim() == 2:
        return tuple(weight.shape[::-1])
    return tuple(weight.shape[2:]) + (weight.shape[1], weight.shape[0])


class InitialisersMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_initialisers")

    def bounds(self, init, shape):
        drawn = {}

        def uniform(key, shape, dtype, minval, maxval):
            drawn.update(minval=minval, maxval=maxval)
            return np.random.default_rng(0).uniform(minval, maxval, shape).astype(dtype)

        with jax_on_numpy():
            import jax

            jax.random = type("random", (), {"uniform": staticmethod(uniform)})
            values = init(None, shape, np.float32)
        self.assertEqual(values.shape, shape)
        self.assertAlmostEqual(-drawn["minval"], drawn["maxval"])
        self.assertTrue(np.all(np.abs(values) <= drawn["maxval"]))
        return drawn["maxval"]

    def check(self, layer, bias_init):
        weight_bound, bias_bound = torch_bound(layer.weight)
        self.assertAlmostEqual(self.bounds(self.runtime.torch_kernel_init, flax_kernel_shape(layer)), weight_bound, places=12)
        self.assertAlmostEqual(self.bounds(bias_init, (layer.weight.shape[0],)), bias_bound, places=12)
        # and torch's own draws stay within those bounds
        self.assertLessEqual(float(layer.weight.abs().max()), weight_bound)
        self.assertLessEqual(float(layer.bias.abs().max()), bias_bound)

    def test_linear(self):
        self.check(torch.nn.Linear(784, 10), self.runtime.torch_bias_init(784))

    def test_conv2d(self):
        self.check(torch.nn.Conv2d(16, 32, 3), self.runtime.torch_bias_init(16, (3, 3)))

    def test_conv_transpose2d(self):
        # torch's weight is (in, out, *k) and its fan_in out * prod(k); the converted kernel
        # (transpose_kernel=True) is (*k, out, in): the same product on every axis but the last
        self.check(torch.nn.ConvTranspose2d(4, 6, 3), self.runtime.torch_bias_init(6, (3, 3)))

    def test_grouped_conv1d_and_conv3d(self):
        self.check(torch.nn.Conv2d(16, 32, (3, 5), groups=4), self.runtime.torch_bias_init(16, (3, 5), 4))
        self.check(torch.nn.Conv1d(6, 4, 7, groups=2), self.runtime.torch_bias_init(6, (7,), 2))
        self.check(torch.nn.Conv3d(2, 4, 3), self.runtime.torch_bias_init(2, (3, 3, 3)))

    def test_a_bias_drawn_from_its_weights_fan_in(self):
        """A reset method's 'fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight); bound = 1 /
        math.sqrt(fan_in); init.uniform_(self.bias, -bound, bound)' on a weight kept in torch's layout:
        torch_bias_init(torch_fan_in(self.weight.shape)) has torch's fan-in and bound."""
        for weight in (torch.empty(10, 7), torch.empty(16, 3, 3, 3), torch.empty(8, 2, 5), torch.empty(4, 6, 1, 2, 3)):
            fan_in, _ = torch.nn.init._calculate_fan_in_and_fan_out(weight)
            self.assertEqual(self.runtime.torch_fan_in(tuple(weight.shape)), fan_in)
            bias = torch.empty(weight.shape[0])
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            torch.nn.init.uniform_(bias, -bound, bound)
            drawn = self.bounds(self.runtime.torch_bias_init(self.runtime.torch_fan_in(tuple(weight.shape))), (weight.shape[0],))
            self.assertAlmostEqual(drawn, bound, places=12)
            self.assertLessEqual(float(bias.abs().max()), drawn)
        for shape in ((5,), ()):
            with self.assertRaises(ValueError):
                torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
            with self.assertRaises(ValueError):
                self.runtime.torch_fan_in(shape)


if __name__ == "__main__":
    unittest.main()
