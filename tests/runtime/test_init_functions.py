"""The initialisers torch.nn.init calls convert to (mappings/nn.yaml, the layer_init entries)
against torch 1.13's own:

- switcheroo_runtime.torch_uniform and torch_trunc_normal draw from torch's distributions
  (jax.random.uniform and truncated_normal are modelled on numpy, numpy_jax.py), compared by the
  bounds and by the statistics of many draws with torch's draws;
- flax.linen.initializers.variance_scaling, as JAX documents it (fans from axes -2 and -1 times
  the receptive field; "normal": stddev sqrt(scale / fan); "uniform": U(+-sqrt(3 * scale / fan))),
  with the scale the maps write (gain ** 2), gives torch's kaiming and xavier standard deviations
  and bounds on the kernels Flax gives Dense and Conv, whose layouts differ from torch's weights.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import math
import types
import unittest

import numpy as np
import torch

from numpy_jax import jax_on_numpy, load_runtime


def flax_kernel_shape(weight):
    """Dense (in, out) from torch's (out, in); Conv (*kernel, in / groups, out) from (out, in / groups, *kernel)."""
    if weight.dim() == 2:
        return tuple(weight.shape[::-1])
    return tuple(weight.shape[2:]) + (weight.shape[1], weight.shape[0])


def variance_scaling(scale, mode, distribution, shape, in_axis=-2, out_axis=-1):
    """JAX's variance_scaling: the stddev ("normal") or bound ("uniform"), the receptive field
    every axis but in_axis and out_axis (jax's _compute_fans)."""
    receptive = int(np.prod(shape)) // shape[in_axis] // shape[out_axis]
    fan_in, fan_out = shape[in_axis] * receptive, shape[out_axis] * receptive
    fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[mode]
    variance = scale / fan
    return math.sqrt(variance) if distribution == "normal" else math.sqrt(3 * variance)


WEIGHTS = [torch.empty(10, 7), torch.empty(16, 3, 3, 3), torch.empty(8, 2, 5, 5), torch.empty(4, 6, 3)]


class VarianceScalingIsTorchs(unittest.TestCase):
    def torch_fans(self, weight):
        return torch.nn.init._calculate_fan_in_and_fan_out(weight)

    def test_kaiming(self):
        scales = {"relu": 2.0, "leaky_relu": 2.0, "linear": 1.0, "sigmoid": 1.0, "conv2d": 1.0, "tanh": 25 / 9}
        for weight in WEIGHTS:
            fan_in, fan_out = self.torch_fans(weight)
            for nonlinearity, scale in scales.items():
                gain = torch.nn.init.calculate_gain(nonlinearity, 0) if nonlinearity == "leaky_relu" else torch.nn.init.calculate_gain(nonlinearity)
                for mode, fan in (("fan_in", fan_in), ("fan_out", fan_out)):
                    std = gain / math.sqrt(fan)  # torch.nn.init.kaiming_normal_
                    bound = math.sqrt(3.0) * std  # torch.nn.init.kaiming_uniform_
                    shape = flax_kernel_shape(weight)
                    self.assertAlmostEqual(variance_scaling(scale, mode, "normal", shape), std, places=12)
                    self.assertAlmostEqual(variance_scaling(scale, mode, "uniform", shape), bound, places=12)

    def test_xavier(self):
        for weight in WEIGHTS:
            fan_in, fan_out = self.torch_fans(weight)
            for gain in (1.0, 2.0, 0.5):
                std = gain * math.sqrt(2.0 / float(fan_in + fan_out))  # torch.nn.init.xavier_normal_
                bound = math.sqrt(3.0) * std  # torch.nn.init.xavier_uniform_
                shape = flax_kernel_shape(weight)
                self.assertAlmostEqual(variance_scaling(1.0 * gain ** 2, "fan_avg", "normal", shape), std, places=12)
                self.assertAlmostEqual(variance_scaling(1.0 * gain ** 2, "fan_avg", "uniform", shape), bound, places=12)

    def test_a_parameter_kept_in_torchs_layout(self):
        """A parameter keeps torch's layout (out, in, *kernel): the maps' layout initializers,
        variance_scaling(..., in_axis=1, out_axis=0), take torch's fans from it; kaiming's a is
        written as 1 + a ** 2 under the gain squared (a=math.sqrt(5): 2.0 / 6, torch's Linear)."""
        for weight in WEIGHTS:
            fan_in, fan_out = self.torch_fans(weight)
            shape = tuple(weight.shape)
            for a, one_plus_a2 in ((0, 1), (math.sqrt(5), 6)):
                gain = torch.nn.init.calculate_gain("leaky_relu", a)
                for mode, fan in (("fan_in", fan_in), ("fan_out", fan_out)):
                    std = gain / math.sqrt(fan)
                    self.assertAlmostEqual(variance_scaling(2.0 / one_plus_a2, mode, "normal", shape, 1, 0), std, places=12)
                    self.assertAlmostEqual(variance_scaling(2.0 / one_plus_a2, mode, "uniform", shape, 1, 0), math.sqrt(3.0) * std, places=12)
                    # and on the kernel Flax gives the layer, with the default axes
                    self.assertAlmostEqual(variance_scaling(2.0 / one_plus_a2, mode, "uniform", flax_kernel_shape(weight)), math.sqrt(3.0) * std, places=12)
            for gain in (1.0, 2.0):
                bound = gain * math.sqrt(6.0 / float(fan_in + fan_out))
                self.assertAlmostEqual(variance_scaling(1.0 * gain ** 2, "fan_avg", "uniform", shape, 1, 0), bound, places=12)
        # torch's Linear draws its weight with a=math.sqrt(5): U(+-1/sqrt(in_features))
        self.assertAlmostEqual(variance_scaling(2.0 / 6, "fan_in", "uniform", (10, 7), 1, 0), 1 / math.sqrt(7), places=12)

    def test_a_fan_out_written_by_hand_is_torchs(self):
        """fan_out = m.kernel_size[0] * m.kernel_size[1] * m.out_channels; nn.init.normal_(m.weight,
        std=math.sqrt(GAIN / fan_out)) on a Conv2d, grouped or not, kernels square or not:
        torch's own fan-out, so variance_scaling(GAIN, "fan_out", "normal") on the Flax kernel."""
        for out_channels, in_channels, groups, kernel_size in ((16, 8, 1, (3, 3)), (16, 8, 4, (3, 5)), (6, 6, 6, (1, 7)), (12, 3, 1, (1, 1))):
            conv = torch.nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups)
            by_hand = conv.kernel_size[0] * conv.kernel_size[1] * conv.out_channels
            self.assertEqual(by_hand, self.torch_fans(conv.weight)[1])
            for gain in (2.0, 1.0):
                std = math.sqrt(gain / by_hand)
                self.assertAlmostEqual(variance_scaling(gain, "fan_out", "normal", flax_kernel_shape(conv.weight)), std, places=12)
        for conv in (torch.nn.Conv1d(4, 8, 3, groups=2), torch.nn.Conv3d(2, 4, (1, 3, 3))):
            by_hand = math.prod(conv.kernel_size) * conv.out_channels
            self.assertEqual(by_hand, self.torch_fans(conv.weight)[1])
            self.assertAlmostEqual(variance_scaling(2.0, "fan_out", "normal", flax_kernel_shape(conv.weight)), math.sqrt(2.0 / by_hand), places=12)

    def test_a_transposed_convolution_has_torchs_fans(self):
        """ConvTranspose2d's weight (in, out, kh, kw) is ConvTranspose(transpose_kernel=True)'s kernel
        (kh, kw, out, in) (docs/checkpoints.md): torch takes dim 1 as fan-in, variance_scaling axis -2."""
        for in_channels, out_channels, kernel_size in ((8, 4, (2, 2)), (3, 16, (3, 5)), (16, 16, (1, 1))):
            weight = torch.nn.ConvTranspose2d(in_channels, out_channels, kernel_size).weight
            fan_in, fan_out = self.torch_fans(weight)
            shape = tuple(weight.shape[2:]) + (weight.shape[1], weight.shape[0])
            self.assertAlmostEqual(variance_scaling(2.0, "fan_out", "normal", shape), math.sqrt(2.0 / fan_out), places=12)
            self.assertAlmostEqual(variance_scaling(2.0, "fan_in", "normal", shape), math.sqrt(2.0 / fan_in), places=12)
            self.assertAlmostEqual(variance_scaling(1.0, "fan_avg", "uniform", shape), math.sqrt(6.0 / (fan_in + fan_out)), places=12)

    def test_torch_draws_follow_those_numbers(self):
        torch.manual_seed(0)
        weight = torch.empty(400, 300)
        torch.nn.init.kaiming_normal_(weight, mode="fan_out", nonlinearity="relu")
        self.assertAlmostEqual(float(weight.std()), variance_scaling(2.0, "fan_out", "normal", (300, 400)), places=3)
        torch.nn.init.xavier_uniform_(weight, gain=2)
        self.assertLessEqual(float(weight.abs().max()), variance_scaling(4.0, "fan_avg", "uniform", (300, 400)))


class RuntimeInitialisersAreTorchs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_init_functions")

    def draw(self, init, shape):
        rng = np.random.default_rng(0)
        calls = {}

        def uniform(key, shape, dtype, minval, maxval):
            calls.update(minval=minval, maxval=maxval)
            return rng.uniform(minval, maxval, shape).astype(dtype)

        def truncated_normal(key, lower, upper, shape, dtype):
            calls.update(lower=lower, upper=upper)
            out = rng.standard_normal(int(np.prod(shape)) * 4)
            out = out[(out >= lower) & (out <= upper)][: int(np.prod(shape))]
            return out.reshape(shape).astype(dtype)

        with jax_on_numpy():
            import jax

            jax.random = type("random", (), {"uniform": staticmethod(uniform), "truncated_normal": staticmethod(truncated_normal)})
            values = init(None, shape, np.float32)
        return values, calls

    def test_uniform(self):
        values, calls = self.draw(self.runtime.torch_uniform(-0.1, 0.3), (200, 300))
        self.assertEqual((calls["minval"], calls["maxval"]), (-0.1, 0.3))
        torch.manual_seed(0)
        reference = torch.nn.init.uniform_(torch.empty(200, 300), -0.1, 0.3).numpy()
        self.assertGreaterEqual(values.min(), -0.1)
        self.assertLess(values.max(), 0.3)
        self.assertAlmostEqual(float(values.mean()), float(reference.mean()), places=2)
        self.assertAlmostEqual(float(values.std()), float(reference.std()), places=2)

    def test_trunc_normal_cuts_at_absolute_bounds(self):
        for mean, std, a, b in ((0.0, 0.02, -2.0, 2.0), (0.5, 1.0, -0.5, 1.0), (0.0, 1.0, -2.0, 2.0), (0.0, 0.01, -0.015, 0.02)):
            values, calls = self.draw(self.runtime.torch_trunc_normal(std, mean=mean, a=a, b=b), (400, 500))
            self.assertAlmostEqual(calls["lower"], (a - mean) / std)
            self.assertAlmostEqual(calls["upper"], (b - mean) / std)
            torch.manual_seed(0)
            reference = torch.nn.init.trunc_normal_(torch.empty(400, 500), mean=mean, std=std, a=a, b=b).numpy()
            self.assertGreaterEqual(values.min(), a - 1e-6)
            self.assertLessEqual(values.max(), b + 1e-6)
            self.assertAlmostEqual(float(values.mean()), float(reference.mean()), delta=std * 0.01)
            self.assertAlmostEqual(float(values.std()), float(reference.std()), delta=std * 0.01)

    def test_a_parameter_drawn_anew_takes_its_values_shape_and_dtype(self):
        """self.p = nn.Parameter(torch.zeros(2, 5, 8)); nn.init.*_(self.p, ...): param_init(INIT, lambda key: data)."""
        calls = []

        def eval_shape(fun, *args):
            calls.append(args)
            value = np.asarray(fun(*args))
            return types.SimpleNamespace(shape=value.shape, dtype=value.dtype)

        def truncated_normal(key, lower, upper, shape, dtype):
            out = key.standard_normal(int(np.prod(shape)) * 4)
            out = out[(out >= lower) & (out <= upper)][: int(np.prod(shape))]
            return out.reshape(shape).astype(dtype)

        with jax_on_numpy():
            import jax

            jax.eval_shape = eval_shape
            jax.random = type("random", (), {"truncated_normal": staticmethod(truncated_normal)})
            key = np.random.default_rng(0)
            constant = self.runtime.param_init(lambda k, shape, dtype: np.full(shape, 0.5, dtype), lambda k: np.zeros((2, 5, 8), np.float32))
            drawn = self.runtime.param_init(self.runtime.torch_trunc_normal(0.02), lambda k: np.zeros((40, 50, 8), np.float32))
            values, trunc = constant(key), drawn(key)
        reference = torch.nn.Parameter(torch.zeros(2, 5, 8))
        torch.nn.init.constant_(reference, 0.5)
        np.testing.assert_array_equal(values, reference.detach().numpy())
        self.assertEqual(values.dtype, np.float32)
        self.assertEqual(len(calls), 2)
        torch.manual_seed(0)
        positions = torch.nn.Parameter(torch.zeros(40, 50, 8))
        torch.nn.init.trunc_normal_(positions, std=0.02)
        self.assertEqual((trunc.shape, trunc.dtype), (tuple(positions.shape), np.float32))
        self.assertAlmostEqual(float(trunc.std()), float(positions.detach().std()), delta=0.0005)


if __name__ == "__main__":
    unittest.main()
