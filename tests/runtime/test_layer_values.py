"""The runtime's layer classes as values (batch_norm_layer, activation_layer, linear_layer,
layer_norm_layer, conv_layer): each takes its torch class's constructor arguments and builds what
the converted call builds. BatchNorm runs against torch step by step (numpy_flax.py stands in for
flax.linen); for Dense, LayerNorm and Conv, whose Flax modules are not modelled here, the test
records the arguments they are built with and checks them against torch's layer (sizes, axes,
epsilon, the bias bound from its fan-in).

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import functools
import sys
import unittest

import numpy as np
import torch

from numpy_flax import apply, flax_on_numpy
from numpy_jax import load_runtime


class Recorded:
    """A stand-in Flax layer that keeps the keyword arguments it was built with."""

    def __init__(self, **fields):
        self.fields = fields


def torch_bias_bound(layer):
    fan_in, _ = torch.nn.init._calculate_fan_in_and_fan_out(layer.weight)
    return 1.0 / fan_in ** 0.5


def enclosed(layer, train):
    """``layer`` in a container held by a module with a ``train`` field, as Flax's parent chain has
    it once the model is bound (a list of layers in a Sequential handed to the model)."""
    linen = sys.modules["flax.linen"]

    class Container(linen.Module):
        layers: tuple = ()

    class Block(linen.Module):
        train: bool = True

    layer.parent = Container((layer,))
    layer.parent.parent = Block(train=train)
    return layer


class LayerValuesBuildTorchsLayers(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.runtime = load_runtime("switcheroo_runtime_layer_values")

    def built(self, factory, *args, **kwargs):
        with flax_on_numpy():
            linen = sys.modules["flax.linen"]
            linen.Dense = linen.LayerNorm = linen.Conv = Recorded
            return factory(*args, **kwargs)

    def bias_bound(self, init):
        """The bound of the uniform draw a bias initialiser makes (the draw itself needs jax.random)."""
        self.runtime._uniform = lambda key, shape, dtype, bound: bound
        return init(None, (1,))

    def assert_steps_match_torch(self, torch_layer, training, evaluating, seed):
        """Two training steps, then one in evaluation, of ``training``/``evaluating`` (built in
        flax_on_numpy) against ``torch_layer`` (3 channels): outputs and running statistics."""
        rng = np.random.default_rng(seed)
        variables = {"params": {"scale": np.ones(3, np.float32), "bias": np.zeros(3, np.float32)},
                     "batch_stats": {"mean": np.zeros(3, np.float32), "var": np.ones(3, np.float32)}}
        with flax_on_numpy():
            for _ in range(2):
                x = (rng.normal(size=(4, 3, 2, 2)) * 2 + 1).astype(np.float32)
                got, variables = apply(training, variables, x)
                np.testing.assert_allclose(got, torch_layer(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)
            np.testing.assert_allclose(variables["batch_stats"]["mean"], torch_layer.running_mean.numpy(), rtol=1e-5, atol=1e-6)
            np.testing.assert_allclose(variables["batch_stats"]["var"], torch_layer.running_var.numpy(), rtol=1e-5)
            torch_layer.eval()
            x = rng.normal(size=(4, 3, 2, 2)).astype(np.float32)
            got, after = apply(evaluating, variables, x)
            np.testing.assert_allclose(got, torch_layer(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)
            np.testing.assert_array_equal(after["batch_stats"]["var"], variables["batch_stats"]["var"])

    def test_batch_norm_follows_the_flag_it_was_named_with(self):
        with flax_on_numpy():
            training = self.runtime.batch_norm_layer(True)(3, eps=1e-3, momentum=0.05)
            evaluating = self.runtime.batch_norm_layer(False)(3, eps=1e-3, momentum=0.05)
        self.assert_steps_match_torch(torch.nn.BatchNorm2d(3, eps=1e-3, momentum=0.05), training, evaluating, seed=1)

    def test_batch_norm_without_running_statistics_always_uses_the_batch(self):
        with flax_on_numpy():
            layer = self.runtime.batch_norm_layer(False)(3, affine=False, track_running_stats=False)
        self.assertFalse(layer.use_running_average)
        self.assertFalse(layer.use_scale or layer.use_bias)

    def test_a_cumulative_average_is_refused(self):
        with flax_on_numpy(), self.assertRaises(NotImplementedError):
            self.runtime.batch_norm_layer(True)(3, momentum=None)

    def test_a_batch_norm_class_outside_a_module_takes_the_flag_it_is_built_with(self):
        # a model builder's partial(nn.BatchNorm2d, eps=..., momentum=...), built by a module through with_train
        with flax_on_numpy():
            value = functools.partial(self.runtime.TorchBatchNorm, eps=1e-3, momentum=0.05)
            training = self.runtime.with_train(value, True)(3)
            evaluating = self.runtime.with_train(value, False)(3)
        self.assert_steps_match_torch(torch.nn.BatchNorm2d(3, eps=1e-3, momentum=0.05), training, evaluating, seed=2)

    def test_a_batch_norm_class_left_unbound_follows_the_enclosing_module(self):
        torch_layer = torch.nn.BatchNorm1d(2, affine=False).eval()
        with torch.no_grad():
            torch_layer.running_mean.fill_(0.5)
            torch_layer.running_var.fill_(4.0)
        with flax_on_numpy():
            layer = enclosed(self.runtime.TorchBatchNorm(2, affine=False), train=False)
            variables = {"batch_stats": {"mean": np.full(2, 0.5, np.float32), "var": np.full(2, 4.0, np.float32)}}
            x = np.arange(6, dtype=np.float32).reshape(3, 2)
            got, _ = apply(layer, variables, x)
            np.testing.assert_allclose(got, torch_layer(torch.tensor(x)).numpy(), rtol=1e-5)
            self.assertEqual(sorted(variables), ["batch_stats"])
            batch_only = torch.nn.BatchNorm1d(2, track_running_stats=False).eval()
            got, _ = apply(self.runtime.TorchBatchNorm(2, track_running_stats=False), {}, x)
            np.testing.assert_allclose(got, batch_only(torch.tensor(x)).detach().numpy(), rtol=1e-5, atol=1e-6)
            orphan = self.runtime.TorchBatchNorm(2)
            with self.assertRaisesRegex(ValueError, "no module with a train field"):
                apply(orphan, {}, x)
            with self.assertRaises(NotImplementedError):
                apply(self.runtime.TorchBatchNorm(2, momentum=None, train=True), {}, x)

    def test_a_batch_norm_built_in_a_free_function_takes_torchs_arguments_and_the_models_flag(self):
        # vgg's make_layers: nn.BatchNorm2d(v, eps, momentum) built outside any module, in the list a
        # builder hands to the model; positional arguments are torch's, the flag the model's.
        with flax_on_numpy():
            training = enclosed(self.runtime.TorchBatchNorm(3, 1e-3, 0.05), train=True)
            evaluating = enclosed(self.runtime.TorchBatchNorm(3, 1e-3, 0.05), train=False)
        self.assert_steps_match_torch(torch.nn.BatchNorm2d(3, 1e-3, 0.05), training, evaluating, seed=3)

    def test_a_norm_class_given_to_conv_norm_activation_gets_its_flag(self):
        with flax_on_numpy():
            linen = sys.modules["flax.linen"]
            linen.Conv, linen.Sequential = Recorded, lambda layers: layers
            layers = self.runtime.conv_norm_activation_layer(2, False)(3, 8, norm_layer=self.runtime.TorchBatchNorm, activation_layer=None)
        self.assertEqual((layers[1].num_features, layers[1].train), (8, False))

    def test_an_activation_class_builds_its_function(self):
        relu6 = object()
        self.assertIs(self.runtime.activation_layer(relu6)(inplace=True), relu6)
        self.assertIs(self.runtime.activation_layer(relu6)(), relu6)

    def test_gelu_is_exact_unless_tanh_is_asked_for(self):
        calls = []
        with flax_on_numpy():
            sys.modules["flax.linen"].gelu = lambda x, approximate: calls.append(approximate) or x
            self.runtime.gelu_layer()(1.0)
            self.runtime.gelu_layer("tanh")(1.0)
            with self.assertRaises(ValueError):
                self.runtime.gelu_layer("fast")
        self.assertEqual(calls, [False, True])

    def test_linear(self):
        torch_layer = torch.nn.Linear(6, 4, bias=False)
        dense = self.built(self.runtime.linear_layer, 6, 4, bias=False)
        self.assertEqual((dense.fields["features"], dense.fields["use_bias"]), (4, False))
        self.assertAlmostEqual(self.bias_bound(dense.fields["bias_init"]), torch_bias_bound(torch_layer))

    def test_layer_norm_covers_the_trailing_axes_of_its_shape(self):
        norm = self.built(self.runtime.layer_norm_layer, (5, 7), eps=1e-6)
        self.assertEqual(norm.fields["reduction_axes"], (-2, -1))
        self.assertEqual(norm.fields["feature_axes"], (-2, -1))
        self.assertEqual(norm.fields["epsilon"], 1e-6)
        self.assertFalse(norm.fields["use_fast_variance"])
        self.assertEqual(self.built(self.runtime.layer_norm_layer, 5).fields["reduction_axes"], -1)

    def test_conv_in_the_channels_first_wrapper(self):
        torch_layer = torch.nn.Conv2d(4, 8, 3, stride=2, padding=1, groups=2)
        wrapper = self.built(self.runtime.conv_layer(2), 4, 8, 3, stride=2, padding=1, groups=2)
        conv = wrapper.layer.fields
        self.assertEqual(conv["kernel_size"], (3, 3))
        self.assertEqual(conv["padding"], ((1, 1), (1, 1)))
        self.assertEqual((conv["strides"], conv["feature_group_count"], conv["features"]), (2, 2, 8))
        self.assertAlmostEqual(self.bias_bound(conv["bias_init"]), torch_bias_bound(torch_layer))

    def test_group_norm_in_the_channels_first_wrapper(self):
        with flax_on_numpy():
            linen = sys.modules["flax.linen"]
            linen.GroupNorm = Recorded
            wrapper = self.runtime.group_norm_layer(32, 64, eps=1e-6)
            plain = self.runtime.group_norm_layer(4, 8, affine=False).layer.fields
            with self.assertRaisesRegex(ValueError, "divisible"):
                self.runtime.group_norm_layer(3, 8)
        self.assertEqual(wrapper.layer.fields, {"num_groups": 32, "epsilon": 1e-6, "use_bias": True, "use_scale": True,
                                                "use_fast_variance": False})
        self.assertEqual((plain["use_bias"], plain["use_scale"], plain["epsilon"]), (False, False, 1e-5))
        with self.assertRaises(ValueError):
            torch.nn.GroupNorm(3, 8)

    def test_instance_norm_over_each_samples_channel(self):
        torch_layer = torch.nn.InstanceNorm2d(4)
        with flax_on_numpy():
            sys.modules["flax.linen"].InstanceNorm = Recorded
            norm = self.runtime.instance_norm_layer(4).fields
            with self.assertRaises(NotImplementedError):
                self.runtime.instance_norm_layer(4, track_running_stats=True)
        self.assertEqual(norm, {"epsilon": torch_layer.eps, "use_bias": torch_layer.affine, "use_scale": torch_layer.affine,
                                "feature_axes": 1, "use_fast_variance": False})

    def test_other_padding_modes_are_refused(self):
        with self.assertRaises(NotImplementedError):
            self.built(self.runtime.conv_layer(2), 4, 8, 3, padding_mode="reflect")


if __name__ == "__main__":
    unittest.main()
