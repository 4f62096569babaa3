"""The runtime's bases of classes deriving from torch layers (Conv1dBase/Conv2dBase/Conv3dBase,
LayerNormBase, and TorchConv*/TorchLayerNorm with torch's constructor as fields), run on numpy
(numpy_linen.py stands in for flax.linen, numpy_jax.py for jax.lax's convolution) against torch 1.13:
the classes written as the conversion writes them, torch's state_dict loaded through KeyMapper, the
same outputs and the attributes torch's layer has.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import importlib.util
import os
import sys
import types
import unittest
from unittest import mock

import numpy as np
import torch

from numpy_jax import HERE, load_runtime
from numpy_linen import apply, init, linen_on_numpy


def uniform(key, shape, dtype=np.float32, minval=0.0, maxval=1.0):
    """jax.random.uniform on the stand-in's keys (numpy generators)."""
    return key.uniform(minval, maxval, shape).astype(dtype)


class TorchConv3DSimple(torch.nn.Conv3d):
    """A subclass with its own constructor, giving torch's constructor fixed arguments."""

    def __init__(self, in_planes, out_planes, midplanes=None, stride=1, padding=1):
        super().__init__(in_channels=in_planes, out_channels=out_planes, kernel_size=(3, 3, 3), stride=stride,
                         padding=padding, bias=False)


class TorchWideConv(torch.nn.Conv2d):
    """A subclass keeping torch's constructor and reading torch's attributes in its forward."""

    def forward(self, x):
        return super().forward(x) * self.stride[0]


class TorchStandardizedConv(torch.nn.Conv2d):
    """A forward computing its own weight and calling torch's _conv_forward with it."""

    def __init__(self, cin, cout):
        super().__init__(cin, cout, 3, padding=1, groups=2)

    def forward(self, x):
        w = self.weight - self.weight.mean(dim=(1, 2, 3), keepdim=True)
        return self._conv_forward(x, w, self.bias)


class TorchLayerNorm2d(torch.nn.LayerNorm):
    """Channels-first layer norm: torch's constructor, a forward reading torch's attributes."""

    def forward(self, x):
        x = x.permute(0, 2, 3, 1)
        x = torch.nn.functional.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


def state(module):
    return {k: v.detach().numpy() for k, v in module.state_dict().items()}


class LayerBasesAreTorchs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_layer_bases")

    def run_converted(self, module, torch_module, *inputs, prefix=""):
        """Initialises the Flax module, checks KeyMapper fills its variables from torch's state_dict
        (keys under ``prefix``), and returns its output on the loaded variables."""
        with linen_on_numpy():
            sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform)
            target = init(module, 0, *inputs)
            loaded = self.runtime.KeyMapper.from_torch({prefix + k: v for k, v in state(torch_module).items()}, target)
            return apply(module, loaded, *inputs), target

    def test_a_conv3d_subclass_with_its_own_constructor_is_torch_s(self):
        rt = self.runtime
        with linen_on_numpy():
            class Conv3DSimple(rt.Conv3dBase):
                in_planes: int
                out_planes: int
                midplanes: object = None
                stride: int = 1
                padding: int = 1

                def setup(self):
                    super().torch_layer(in_channels=self.in_planes, out_channels=self.out_planes, kernel_size=(3, 3, 3),
                                        stride=self.stride, padding=self.padding, bias=False)

            module = Conv3DSimple(4, 6, None, 2)
        torch.manual_seed(0)
        reference = TorchConv3DSimple(4, 6, None, 2)
        x = np.random.default_rng(1).normal(size=(2, 4, 5, 6, 7)).astype(np.float32)
        got, target = self.run_converted(module, reference, x)
        self.assertEqual(sorted(target["params"]), ["kernel"])
        self.assertEqual(target["params"]["kernel"].shape, (3, 3, 3, 4, 6))
        np.testing.assert_allclose(got, reference(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)
        # torch's attributes: its own fields keep their values, the rest are torch's
        self.assertEqual(module.stride, 2)
        self.assertEqual(module.torch_settings["stride"], (2, 2, 2))
        self.assertEqual(module.kernel_size, reference.kernel_size)
        self.assertIsNone(module.bias)
        np.testing.assert_allclose(module.weight, reference.weight.detach().numpy())

    def test_torch_s_initialisation_bounds(self):
        rt = self.runtime
        with linen_on_numpy():
            module = rt.TorchConv2d(8, 16, 3)
            sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform)
            variables = init(module, 0, np.zeros((1, 8, 5, 5), np.float32))
        bound = 1 / np.sqrt(8 * 9)
        for name in ("kernel", "bias"):
            values = variables["params"][name]
            self.assertLessEqual(np.abs(values).max(), bound)
            self.assertGreater(np.abs(values).max(), bound * 0.8)

    def test_a_conv2d_subclass_keeping_torch_s_constructor_is_torch_s(self):
        rt = self.runtime
        with linen_on_numpy():
            class WideConv(rt.TorchConv2d):
                def __call__(self, x):
                    return super().__call__(x) * self.stride[0]

            module = WideConv(6, 4, (3, 2), stride=2, padding=(1, 2), dilation=(2, 1), groups=2)
        torch.manual_seed(0)
        reference = TorchWideConv(6, 4, (3, 2), stride=2, padding=(1, 2), dilation=(2, 1), groups=2)
        x = np.random.default_rng(2).normal(size=(3, 6, 9, 8)).astype(np.float32)
        got, target = self.run_converted(module, reference, x)
        self.assertEqual(target["params"]["kernel"].shape, (3, 2, 3, 4))
        np.testing.assert_allclose(got, reference(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)

    def test_torch_s_conv_forward_with_a_weight_of_the_subclass(self):
        rt = self.runtime
        with linen_on_numpy():
            class StandardizedConv(rt.Conv2dBase):
                cin: int
                cout: int

                def setup(self):
                    super().torch_layer(self.cin, self.cout, 3, padding=1, groups=2)

                def __call__(self, x):
                    w = self.weight - self.weight.mean(axis=(1, 2, 3), keepdims=True)
                    return self._conv_forward(x, w, self.bias)

            module = StandardizedConv(4, 6)
        torch.manual_seed(0)
        reference = TorchStandardizedConv(4, 6)
        x = np.random.default_rng(8).normal(size=(2, 4, 5, 5)).astype(np.float32)
        got, _ = self.run_converted(module, reference, x)
        np.testing.assert_allclose(got, reference(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)

    def test_same_padding_and_an_unbatched_conv1d(self):
        rt = self.runtime
        with linen_on_numpy():
            module = rt.TorchConv1d(3, 5, 4, padding="same", dilation=2)
        torch.manual_seed(0)
        reference = torch.nn.Conv1d(3, 5, 4, padding="same", dilation=2)
        x = np.random.default_rng(3).normal(size=(3, 11)).astype(np.float32)
        got, _ = self.run_converted(module, reference, x)
        np.testing.assert_allclose(got, reference(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)

    def test_a_layer_norm_subclass_keeping_torch_s_constructor_is_torch_s(self):
        rt = self.runtime
        with linen_on_numpy():
            import jax.numpy as jnp

            class LayerNorm2d(rt.TorchLayerNorm):
                def __call__(self, x):
                    x = jnp.transpose(x, (0, 2, 3, 1))
                    x = rt.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
                    return jnp.transpose(x, (0, 3, 1, 2))

            module = LayerNorm2d(5, eps=1e-6)
        torch.manual_seed(0)
        reference = TorchLayerNorm2d(5, eps=1e-6)
        with torch.no_grad():
            reference.weight.normal_()
            reference.bias.normal_()
        x = np.random.default_rng(4).normal(size=(2, 5, 3, 4)).astype(np.float32)
        got, target = self.run_converted(module, reference, x)
        self.assertEqual(sorted(target["params"]), ["bias", "scale"])
        np.testing.assert_allclose(got, reference(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)

    def test_the_base_s_own_call_without_affine(self):
        rt = self.runtime
        with linen_on_numpy():
            module = rt.TorchLayerNorm((3, 4), elementwise_affine=False)
        reference = torch.nn.LayerNorm((3, 4), elementwise_affine=False)
        x = np.random.default_rng(5).normal(size=(2, 3, 4)).astype(np.float32)
        got, target = self.run_converted(module, reference, x)
        self.assertEqual(target.get("params", {}), {})
        np.testing.assert_allclose(got, reference(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)

    def test_keymapper_loads_a_subclass_inside_a_model(self):
        rt = self.runtime
        with linen_on_numpy():
            import flax.linen as nn

            class Net(nn.Module):
                conv: nn.Module

                def __call__(self, x):
                    return self.conv(x)

            module = Net(rt.TorchConv2d(2, 3, 1))
        torch.manual_seed(0)
        inner = torch.nn.Conv2d(2, 3, 1)
        x = np.random.default_rng(6).normal(size=(1, 2, 3, 3)).astype(np.float32)
        got, target = self.run_converted(module, inner, x, prefix="conv.")
        self.assertEqual(sorted(target["params"]["conv"]), ["bias", "kernel"])
        np.testing.assert_allclose(got, inner(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)

    def test_torch_s_initialisation_loops_reach_a_subclass(self):
        rt = self.runtime
        with linen_on_numpy():
            import flax.linen as nn

            class Net(nn.Module):
                conv: nn.Module

                @rt.torch_init([rt.init_branch("torch.nn.Conv3d", weight=lambda key, shape, dtype: np.full(shape, 7.0, dtype))])
                def __call__(self, x):
                    return self.conv(x)

            module = Net(rt.TorchConv3d(1, 2, 1, bias=False))
            sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform)
            variables = init(module, 0, np.zeros((1, 1, 2, 2, 2), np.float32))
        np.testing.assert_array_equal(variables["params"]["conv"]["kernel"], np.full((1, 1, 1, 1, 2), 7.0))

    def test_the_golden_case_s_converted_classes_are_torch_s(self):
        """The conversion's own output (Golden/Cases/layer_subclasses) on torch's state_dicts."""
        case = os.path.join(HERE, "..", "Switcheroo.Engine.Tests", "Golden", "Cases", "layer_subclasses")
        source = load_file("layer_subclasses_torch", os.path.join(case, "input.torch.py"))
        with linen_on_numpy(), mock.patch.dict(sys.modules, {"switcheroo_runtime": self.runtime}):
            sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform)
            sys.modules["flax.linen"].relu = lambda x: np.maximum(x, 0)
            converted = load_file("layer_subclasses_flax", os.path.join(case, "expected.flax.py"))
            # (Stem, a Conv2dNormActivation subclass: test_torchvision_ops.py, whose stand-ins compute its layers)
            cases = [("ChannelNorm", (6,), {"eps": 1e-6}, (2, 6, 3, 4)), ("PointwiseConv", (3, 5, 1), {}, (2, 3, 4, 4)),
                     ("TemporalConv", (3, 5), {"step": 2}, (2, 3, 6, 4, 4)), ("ScaledConv", (4,), {}, (2, 4, 9))]
            for name, args, kwargs, shape in cases:
                with self.subTest(name):
                    torch.manual_seed(0)
                    reference = getattr(source, name)(*args, **kwargs)
                    with torch.no_grad():
                        for parameter in reference.parameters():
                            parameter.normal_()
                    x = np.random.default_rng(7).normal(size=shape).astype(np.float32)
                    got, _ = self.run_converted(getattr(converted, name)(*args, **kwargs), reference, x)
                    np.testing.assert_allclose(got, reference(torch.tensor(x)).detach().numpy(), rtol=1e-4, atol=1e-5)


def load_file(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    unittest.main()
