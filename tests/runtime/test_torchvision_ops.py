"""The runtime's torchvision.ops layers (conv_norm_activation_layer, squeeze_excitation_layer,
stochastic_depth_layer, stochastic_depth, frozen_batch_norm_layer, mlp_layer, permute_layer) and box functions
(box_area, box_iou, generalized_box_iou, clip_boxes_to_image) and box losses (generalized_box_iou_loss,
distance_box_iou_loss, complete_box_iou_loss) against torchvision 0.14:
each is built with torchvision's arguments, initialised on the numpy stand-in of flax.linen
(numpy_linen.py), given torch's state_dict through KeyMapper, and run on the same input as the
torch layer.

Flax's Conv, Dense and Dropout and the activations are modelled below as Flax documents
them (channels-last input, an (*kernel, in / groups, out) kernel, explicit (low, high) padding,
strides and dilation; x @ kernel + bias), computed with numpy (Sequential is numpy_linen's); the runtime's
own BatchNorm and ChannelsFirst run as they are.

Run with Debian's python3 (python3-torch, python3-torchvision, python3-numpy):
python3 -m unittest discover -s tests/runtime
"""
import itertools
import sys
import unittest
from unittest import mock

import numpy as np
import torch
import torchvision.ops

import numpy_linen
from numpy_jax import jax_on_numpy, load_runtime
from numpy_linen import Module, Sequential, linen_on_numpy


def _zeros(key, shape, dtype=np.float32):
    return np.zeros(shape, dtype)


def _pairs(value, n):
    return (value,) * n if isinstance(value, int) else tuple(value)


class Conv(Module):
    """flax.linen.Conv, computed: input (N, *spatial, C), kernel (*kernel_size, C / groups, features)."""

    features: int
    kernel_size: tuple
    strides: object = 1
    padding: object = "SAME"
    kernel_dilation: object = 1
    feature_group_count: int = 1
    use_bias: bool = True
    kernel_init: object = None
    bias_init: object = None

    def __call__(self, x):
        n = len(self.kernel_size)
        groups = self.feature_group_count
        kernel = self.param("kernel", _zeros, tuple(self.kernel_size) + (x.shape[-1] // groups, self.features))
        assert self.padding != "SAME", "the runtime gives torch's padding as pairs"
        padding = ((0, 0),) * n if self.padding == "VALID" else self.padding
        x = np.pad(x, ((0, 0),) + tuple(padding) + ((0, 0),))
        strides, dilation = _pairs(self.strides, n), _pairs(self.kernel_dilation, n)
        sizes = [(x.shape[1 + i] - dilation[i] * (self.kernel_size[i] - 1) - 1) // strides[i] + 1 for i in range(n)]
        out = np.zeros((x.shape[0], *sizes, self.features), np.float64)
        cin, cout = x.shape[-1] // groups, self.features // groups
        for offsets in itertools.product(*(range(k) for k in self.kernel_size)):
            window = tuple(slice(o * d, o * d + (m - 1) * s + 1, s)
                           for o, d, m, s in zip(offsets, dilation, sizes, strides))
            patch = x[(slice(None),) + window]
            for g in range(groups):
                out[..., g * cout:(g + 1) * cout] += patch[..., g * cin:(g + 1) * cin] @ kernel[offsets][:, g * cout:(g + 1) * cout]
        if self.use_bias:
            out += self.param("bias", _zeros, (self.features,))
        return out.astype(np.float32)


class Dense(Module):
    """flax.linen.Dense, computed: x @ kernel (in, features) + bias."""

    features: int
    use_bias: bool = True
    kernel_init: object = None
    bias_init: object = None

    def __call__(self, x):
        y = x @ self.param("kernel", _zeros, (x.shape[-1], self.features))
        return y + self.param("bias", _zeros, (self.features,)) if self.use_bias else y


class Dropout(Module):
    """flax.linen.Dropout with its 'dropout' stream (only its deterministic path is compared here)."""

    rate: float
    deterministic: bool = False

    def __call__(self, x):
        if self.deterministic or self.rate == 0.0:
            return x
        keep = self.make_rng("dropout").random(x.shape) >= self.rate
        return np.where(keep, x / (1 - self.rate), 0)


def _relu6(x):
    return np.minimum(np.maximum(x, 0), 6)


ACTIVATIONS = {
    "relu": lambda x: np.maximum(x, 0),
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "hard_sigmoid": lambda x: _relu6(x + 3) / 6,
    "hard_swish": lambda x: x * _relu6(x + 3) / 6,
    "silu": lambda x: x / (1 + np.exp(-x)),
}


def _make_rng(self, name):
    assert name in ("params", "dropout"), name
    return np.random.default_rng(self._binding.rng.integers(2 ** 32))


def _bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli(key, p, shape) on a numpy Generator key."""
    return key.random(shape) < p


class Flax:
    """flax.linen on numpy with the computed layers above; ``init`` and ``apply`` as Flax's."""

    def __enter__(self):
        self._context = linen_on_numpy()
        self._context.__enter__()
        self._rng = mock.patch.object(Module, "make_rng", _make_rng)
        self._rng.__enter__()
        linen = sys.modules["flax.linen"]
        for layer in (Conv, Dense, Sequential, Dropout):
            setattr(linen, layer.__name__, layer)
        for name, function in ACTIVATIONS.items():
            setattr(linen, name, function)
        sys.modules["jax"].random = type("random", (), {"bernoulli": staticmethod(_bernoulli)})
        return linen

    def __exit__(self, *exc):
        self._rng.__exit__(*exc)
        return self._context.__exit__(*exc)


def init(module, x, seed=0):
    return numpy_linen.init(module, seed, x)


def apply(module, variables, x, seed=0):
    module._bind(numpy_linen._Binding(variables, False, seed), ())
    return module(x)


def randomized(layer):
    """A torch layer whose parameters and statistics are all non-trivial."""
    generator = torch.Generator().manual_seed(3)
    with torch.no_grad():
        for name, value in layer.state_dict().items():
            if value.is_floating_point():
                value.copy_(torch.rand(value.shape, generator=generator) + 0.5 if "var" in name
                            else torch.randn(value.shape, generator=generator))
    return layer


class TorchvisionOpsMatchTorchvision(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.runtime = load_runtime("switcheroo_runtime_torchvision_ops")
        self.rng = np.random.default_rng(1)

    def loaded(self, flax_layer, torch_layer, x):
        """The Flax layer's variables from the torch layer's state_dict, through KeyMapper."""
        target = init(flax_layer, x)
        return self.runtime.KeyMapper.from_torch(torch_layer.state_dict(), target)

    def assert_same(self, flax_layer, torch_layer, shape):
        x = self.rng.normal(size=shape).astype(np.float32)
        variables = self.loaded(flax_layer, torch_layer, x)
        got = apply(flax_layer, variables, x)
        with torch.no_grad():
            want = torch_layer(torch.tensor(x)).numpy()
        self.assertEqual(got.shape, want.shape)
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
        return variables

    def test_conv2d_norm_activation_defaults_in_evaluation(self):
        torch_layer = randomized(torchvision.ops.Conv2dNormActivation(3, 8)).eval()
        with Flax():
            layer = self.runtime.conv_norm_activation_layer(2, False)(3, 8)
            variables = self.assert_same(layer, torch_layer, (2, 3, 7, 6))
        self.assertNotIn("bias", variables["params"]["layers_0"]["layer"])  # a norm layer: no conv bias
        self.assertEqual(set(variables["batch_stats"]["layers_1"]), {"mean", "var"})

    def test_conv2d_norm_activation_in_training_updates_torch_s_statistics(self):
        torch_layer = randomized(torchvision.ops.Conv2dNormActivation(4, 6, kernel_size=3, stride=2, dilation=2,
                                                                      groups=2, activation_layer=torch.nn.Hardswish))
        with Flax() as nn:
            layer = self.runtime.conv_norm_activation_layer(2, True)(
                4, 6, kernel_size=3, stride=2, dilation=2, groups=2,
                activation_layer=self.runtime.activation_layer(nn.hard_swish))
            variables = self.assert_same(layer, torch_layer, (3, 4, 9, 8))
        np.testing.assert_allclose(variables["batch_stats"]["layers_1"]["var"], torch_layer[1].running_var.numpy(), rtol=1e-5)

    def test_conv2d_norm_activation_given_layers_padding_and_bias(self):
        torch_layer = randomized(torchvision.ops.Conv2dNormActivation(
            3, 5, kernel_size=(3, 5), stride=(1, 2), padding=(0, 1), norm_layer=None, activation_layer=torch.nn.SiLU))
        with Flax() as nn:
            layer = self.runtime.conv_norm_activation_layer(2, False)(
                3, 5, kernel_size=(3, 5), stride=(1, 2), padding=(0, 1), norm_layer=None,
                activation_layer=self.runtime.activation_layer(nn.silu))
            variables = self.assert_same(layer, torch_layer, (2, 3, 8, 9))
        self.assertIn("bias", variables["params"]["layers_0"]["layer"])  # no norm layer: a conv bias

    def test_conv2d_norm_activation_tuple_kernel_without_padding_and_no_activation(self):
        torch_layer = randomized(torchvision.ops.Conv2dNormActivation(
            2, 4, kernel_size=(3, 5), dilation=(2, 1), activation_layer=None, bias=True)).eval()
        with Flax():
            layer = self.runtime.conv_norm_activation_layer(2, False)(
                2, 4, kernel_size=(3, 5), dilation=(2, 1), activation_layer=None, bias=True)
            self.assert_same(layer, torch_layer, (1, 2, 9, 9))

    def test_conv3d_norm_activation(self):
        torch_layer = randomized(torchvision.ops.Conv3dNormActivation(
            2, 4, kernel_size=(1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1), bias=False)).eval()
        with Flax():
            layer = self.runtime.conv_norm_activation_layer(3, False)(
                2, 4, kernel_size=(1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1), bias=False)
            self.assert_same(layer, torch_layer, (2, 2, 3, 6, 5))

    def test_a_norm_layer_given_as_a_value(self):
        torch_layer = randomized(torchvision.ops.Conv2dNormActivation(
            3, 4, norm_layer=lambda c: torch.nn.BatchNorm2d(c, eps=1e-3, momentum=0.01))).eval()
        with Flax():
            norm = lambda c: self.runtime.batch_norm_layer(False)(c, eps=1e-3, momentum=0.01)
            self.assert_same(self.runtime.conv_norm_activation_layer(2, False)(3, 4, norm_layer=norm), torch_layer,
                             (2, 3, 5, 5))

    def test_a_conv_norm_activation_subclass_with_its_own_constructor(self):
        """regnet's SimpleStemIN: the runtime's base, its setup calling torch_layer with torchvision's arguments."""

        class TorchStem(torchvision.ops.Conv2dNormActivation):
            def __init__(self, width_in, width_out, norm_layer, activation_layer):
                super().__init__(width_in, width_out, kernel_size=3, stride=2, norm_layer=norm_layer,
                                 activation_layer=activation_layer)

        torch_layer = randomized(TorchStem(3, 8, torch.nn.BatchNorm2d, torch.nn.ReLU)).eval()
        rt = self.runtime
        with Flax() as nn:
            class Stem(rt.ConvNormActivation2dBase):
                width_in: int
                width_out: int
                norm_layer: object
                activation_layer: object
                train: bool = True

                def setup(self):
                    super().torch_layer(self.width_in, self.width_out, kernel_size=3, stride=2,
                                        norm_layer=self.norm_layer, activation_layer=self.activation_layer)

            layer = Stem(3, 8, rt.batch_norm_layer(False), rt.activation_layer(nn.relu), train=False)
            variables = self.assert_same(layer, torch_layer, (2, 3, 9, 8))
        self.assertEqual(layer.out_channels, 8)
        self.assertEqual(set(variables["batch_stats"]["layers_1"]), {"mean", "var"})

    def test_a_conv_norm_activation_subclass_keeping_torchvision_s_constructor(self):
        torch_layer = randomized(torchvision.ops.Conv3dNormActivation(2, 4, kernel_size=(1, 3, 3), bias=False)).eval()
        with Flax():
            layer = self.runtime.TorchConv3dNormActivation(2, 4, kernel_size=(1, 3, 3), bias=False, train=False)
            self.assert_same(layer, torch_layer, (2, 2, 3, 6, 5))

    def test_squeeze_excitation(self):
        torch_layer = randomized(torchvision.ops.SqueezeExcitation(6, 3))
        with Flax():
            variables = self.assert_same(self.runtime.squeeze_excitation_layer(6, 3), torch_layer, (2, 6, 4, 5))
        self.assertEqual(set(variables["params"]), {"fc1", "fc2"})

    def test_squeeze_excitation_with_other_activations(self):
        torch_layer = randomized(torchvision.ops.SqueezeExcitation(
            4, 2, activation=torch.nn.SiLU, scale_activation=torch.nn.Hardsigmoid))
        with Flax() as nn:
            layer = self.runtime.squeeze_excitation_layer(4, 2, activation=self.runtime.activation_layer(nn.silu),
                                                          scale_activation=self.runtime.activation_layer(nn.hard_sigmoid))
            self.assert_same(layer, torch_layer, (3, 4, 3, 3))

    def test_frozen_batch_norm(self):
        torch_layer = randomized(torchvision.ops.FrozenBatchNorm2d(5, eps=1e-3))
        state = dict(torch_layer.state_dict(), num_batches_tracked=torch.tensor(7))  # a BatchNorm2d checkpoint's
        with Flax():
            layer = self.runtime.frozen_batch_norm_layer(5, eps=1e-3)
            x = self.rng.normal(size=(2, 5, 3, 4)).astype(np.float32)
            variables = self.runtime.KeyMapper.from_torch(state, init(layer, x))
            self.assertEqual(set(variables), {"batch_stats"})  # nothing for the optimizer to train
            got = apply(layer, variables, x)
        np.testing.assert_allclose(got, torch_layer(torch.tensor(x)).numpy(), rtol=1e-5, atol=1e-6)

    def test_mlp_in_evaluation(self):
        torch_layer = randomized(torchvision.ops.MLP(6, [8, 5, 3], dropout=0.2)).eval()
        with Flax():
            variables = self.assert_same(self.runtime.mlp_layer(False)(6, [8, 5, 3], dropout=0.2), torch_layer, (4, 6))
        self.assertEqual(sorted(variables["params"]), ["layers_0", "layers_3", "layers_6"])

    def test_mlp_with_a_norm_layer_and_without_bias(self):
        torch_layer = randomized(torchvision.ops.MLP(
            4, [6, 2], norm_layer=torch.nn.BatchNorm1d, activation_layer=torch.nn.Hardswish, inplace=None, bias=False))
        with Flax() as nn:
            layer = self.runtime.mlp_layer(True)(4, [6, 2], norm_layer=self.runtime.batch_norm_layer(True),
                                                 activation_layer=self.runtime.activation_layer(nn.hard_swish),
                                                 inplace=None, bias=False)
            self.assert_same(layer, torch_layer, (5, 4))

    def test_mlp_drops_in_training_only(self):
        with Flax():
            training = self.runtime.mlp_layer(True)(3, [3], dropout=0.5)
            evaluating = self.runtime.mlp_layer(False)(3, [3], dropout=0.5)
        self.assertEqual([(layer.rate, layer.deterministic) for layer in training.layers[1:]], [(0.5, False)])
        self.assertEqual([(layer.rate, layer.deterministic) for layer in evaluating.layers[1:]], [(0.5, True)])

    def test_permute(self):
        x = self.rng.normal(size=(2, 3, 4, 5)).astype(np.float32)
        with Flax():
            got = self.runtime.permute_layer([0, 2, 3, 1])(x)
        np.testing.assert_array_equal(got, torchvision.ops.Permute([0, 2, 3, 1])(torch.tensor(x)).numpy())

    def test_stochastic_depth_passes_in_evaluation_and_without_p(self):
        x = self.rng.normal(size=(4, 3, 2)).astype(np.float32)
        with Flax():
            for layer in (self.runtime.stochastic_depth_layer(False)(0.5, "row"),
                          self.runtime.stochastic_depth_layer(True)(0.0, "batch")):
                np.testing.assert_array_equal(apply(layer, {}, x), x)
        torch_layer = torchvision.ops.StochasticDepth(0.5, "row").eval()
        np.testing.assert_array_equal(torch_layer(torch.tensor(x)).numpy(), x)

    def test_stochastic_depth_rows_and_batches_as_torch(self):
        x = self.rng.normal(size=(64, 3, 2)).astype(np.float32) + 5
        with Flax():
            rows = apply(self.runtime.stochastic_depth_layer(True)(0.25, "row"), {}, x)
            kept = np.array([np.allclose(r, s / 0.75) for r, s in zip(rows, x)])
            dropped = np.array([np.all(r == 0) for r in rows])
            self.assertTrue(np.all(kept | dropped) and kept.any() and dropped.any())
            for seed in range(8):
                batch = apply(self.runtime.stochastic_depth_layer(True)(0.5, "batch"), {}, x, seed=seed)
                self.assertTrue(np.allclose(batch, x / 0.5) or np.all(batch == 0))
            np.testing.assert_array_equal(apply(self.runtime.stochastic_depth_layer(True)(1.0, "row"), {}, x), 0 * x)
        torch_rows = torchvision.ops.StochasticDepth(0.25, "row")(torch.tensor(x)).numpy()
        self.assertTrue(all(np.allclose(r, s / 0.75) or np.all(r == 0) for r, s in zip(torch_rows, x)))
        np.testing.assert_array_equal(torchvision.ops.StochasticDepth(1.0, "row")(torch.tensor(x)).numpy(), 0 * x)

    def test_the_stochastic_depth_function_draws_from_the_module_s_stream(self):
        x = self.rng.normal(size=(32, 2)).astype(np.float32) + 5
        streams = []

        class Module:
            def make_rng(self, name):
                streams.append(name)
                return np.random.default_rng(4)

        with Flax():
            np.testing.assert_array_equal(self.runtime.stochastic_depth(Module(), x, 0.5, "row", training=False), x)
            self.assertEqual(streams, [])
            rows = self.runtime.stochastic_depth(Module(), x, 0.5, "row")
        self.assertEqual(streams, ["dropout"])
        self.assertTrue(all(np.allclose(r, s / 0.5) or np.all(r == 0) for r, s in zip(rows, x)))
        self.assertTrue(0 < sum(np.all(r == 0) for r in rows) < len(rows))

    def test_stochastic_depth_checks_p_and_mode_as_torch(self):
        x = np.ones((2, 2), np.float32)
        with Flax():
            for p, mode in ((1.5, "row"), (0.5, "column")):
                with self.assertRaises(ValueError):
                    apply(self.runtime.stochastic_depth_layer(False)(p, mode), {}, x)
                with self.assertRaises(ValueError):
                    torchvision.ops.StochasticDepth(p, mode).eval()(torch.tensor(x))


def random_boxes(rng, n, dtype):
    corners = rng.uniform(0, 50, size=(n, 2))
    boxes = np.concatenate([corners, corners + rng.uniform(0, 30, size=(n, 2))], axis=1)
    return boxes.astype(dtype)


class BoxFunctionsMatchTorchvision(unittest.TestCase):
    def setUp(self):
        self.runtime = load_runtime("switcheroo_runtime_torchvision_boxes")
        self.rng = np.random.default_rng(2)

    def check(self, name, *args, exact=False):
        with jax_on_numpy():
            got = getattr(self.runtime, name)(*args)
        want = getattr(torchvision.ops, name)(*(torch.tensor(a) if isinstance(a, np.ndarray) else a for a in args)).numpy()
        self.assertEqual(got.shape, want.shape)
        if exact:
            np.testing.assert_array_equal(got, want)
        else:
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)

    def test_float_boxes(self):
        a, b = random_boxes(self.rng, 5, np.float32), random_boxes(self.rng, 7, np.float32)
        self.check("box_area", a)
        self.check("box_iou", a, b)
        self.check("generalized_box_iou", a, b)

    def test_integer_boxes_upcast_as_torchvision(self):
        a, b = random_boxes(self.rng, 4, np.int64), random_boxes(self.rng, 3, np.int16)
        self.check("box_area", a, exact=True)
        self.check("box_area", b, exact=True)

    def test_clip_boxes_to_image(self):
        boxes = random_boxes(self.rng, 6, np.float32) - 10
        self.check("clip_boxes_to_image", boxes, (35, 42), exact=True)
        self.check("clip_boxes_to_image", boxes.reshape(2, 3, 4), (20, 60), exact=True)


class BoxLossesMatchTorchvision(unittest.TestCase):
    """generalized_box_iou_loss, distance_box_iou_loss and complete_box_iou_loss on matched pairs:
    overlapping, disjoint and identical boxes, each reduction, another eps, integer boxes (upcast),
    a single pair ([4]) and no boxes at all."""

    NAMES = ("generalized_box_iou_loss", "distance_box_iou_loss", "complete_box_iou_loss")

    def setUp(self):
        self.runtime = load_runtime("switcheroo_runtime_torchvision_box_losses")
        self.runtime._stop_gradient = lambda x: x  # values only: numpy has no gradients
        self.rng = np.random.default_rng(5)

    def check(self, name, a, b, same_dtype=True, **kwargs):
        with jax_on_numpy():
            got = np.asarray(getattr(self.runtime, name)(a, b, **kwargs))
        want = getattr(torchvision.ops, name)(torch.tensor(a), torch.tensor(b), **kwargs).numpy()
        self.assertEqual(got.shape, want.shape)
        if same_dtype:
            self.assertEqual(got.dtype, want.dtype)
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)

    def pairs(self, dtype):
        a, b = random_boxes(self.rng, 9, dtype), random_boxes(self.rng, 9, dtype)
        b[3] = a[3]  # identical
        b[4] = a[4] + 200  # disjoint
        return a, b

    def test_each_reduction_and_eps(self):
        for dtype in (np.float32, np.float64):
            a, b = self.pairs(dtype)
            for name, reduction, eps in itertools.product(self.NAMES, ("none", "mean", "sum", "other"), (1e-7, 0.5)):
                with self.subTest(name=name, dtype=dtype, reduction=reduction, eps=eps):
                    self.check(name, a, b, reduction=reduction, eps=eps)

    def test_integer_boxes_single_pair_and_none(self):
        a, b = self.pairs(np.int64)
        empty = np.zeros((0, 4), np.float32)
        for name in self.NAMES:
            with self.subTest(name=name):
                self.check(name, a, b, reduction="sum")
                # numpy's float32 scalars meet Python floats as float64 (JAX keeps float32): values only, here and below
                self.check(name, a[0].astype(np.float32), b[0].astype(np.float32), same_dtype=False)
                self.check(name, empty, empty, reduction="mean", same_dtype=False)
                self.check(name, empty, empty)


if __name__ == "__main__":
    unittest.main()
