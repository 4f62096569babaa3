"""switcheroo_runtime.TorchConvTranspose: torch.nn.ConvTranspose2d (1d, 3d) where Flax's ConvTranspose
cannot stand for it (groups > 1), on numpy (numpy_linen.py for flax.linen, numpy_jax.py for jax.lax's
convolution) against torch 1.13: the layer written as the map's fallback writes it, torch's state_dict
loaded through KeyMapper (weight (in, out / groups, *k) -> kernel (*k, out / groups, in), as for Flax's
ConvTranspose), the same outputs, and torch's initialisation bounds; and the golden case
conv_transpose_groups (a user module of such layers and F.conv_transpose2d) against torch.

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

from numpy_jax import load_runtime
from numpy_linen import apply, init, linen_on_numpy


def uniform(key, shape, dtype=np.float32, minval=0.0, maxval=1.0):
    """jax.random.uniform on the stand-in's keys (numpy generators)."""
    return key.uniform(minval, maxval, shape).astype(dtype)


class GroupedTransposedConvolutionIsTorchs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_grouped_transposed")
        cls.rng = np.random.default_rng(5)

    def converted(self, ndim, in_channels, out_channels, kernel, stride=1, padding=0, output_padding=0, groups=1, bias=True,
                  dilation=1):
        # The map's fallback: sizes as tuples, torch's bias fan-in (out / groups * prod(k)).
        rt = self.runtime
        k = (kernel,) * ndim if isinstance(kernel, int) else kernel

        def spread(v):
            return (v,) * ndim if isinstance(v, int) else v

        return rt.TorchConvTranspose(features=out_channels, kernel_size=k, strides=spread(stride), padding=spread(padding),
                                     output_padding=spread(output_padding), kernel_dilation=spread(dilation),
                                     feature_group_count=groups, use_bias=bias, kernel_init=rt.torch_kernel_init,
                                     bias_init=rt.torch_bias_init(out_channels, k, groups))

    def test_outputs_through_keymapper(self):
        layers = {1: torch.nn.ConvTranspose1d, 2: torch.nn.ConvTranspose2d, 3: torch.nn.ConvTranspose3d}
        cases = [
            dict(in_channels=4, out_channels=6, kernel=3, stride=2, padding=1, output_padding=1, groups=2),
            dict(in_channels=6, out_channels=3, kernel=2, stride=3, padding=0, output_padding=2, groups=3, bias=False),
            dict(in_channels=4, out_channels=4, kernel=3, stride=1, padding=2, groups=4, dilation=2),
        ]
        for ndim, layer in layers.items():
            for case in cases:
                with self.subTest(ndim=ndim, **case):
                    torch.manual_seed(0)
                    reference = layer(case["in_channels"], case["out_channels"], case["kernel"], stride=case["stride"],
                                      padding=case["padding"], output_padding=case.get("output_padding", 0), groups=case["groups"],
                                      bias=case.get("bias", True), dilation=case.get("dilation", 1)).double()
                    x = self.rng.normal(size=(2, case["in_channels"]) + (4,) * ndim)
                    with linen_on_numpy():
                        sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform)
                        module = self.converted(ndim, **case)
                        target = init(module, 0, x)
                        state = {k: v.detach().numpy() for k, v in reference.state_dict().items()}
                        loaded = self.runtime.KeyMapper.from_torch(state, target)
                        ours = apply(module, loaded, x)
                    self.assertEqual(sorted(target["params"]), ["bias", "kernel"] if case.get("bias", True) else ["kernel"])
                    np.testing.assert_allclose(ours, reference(torch.tensor(x)).detach().numpy(), rtol=1e-9, atol=1e-9)

    def test_unbatched_input(self):
        torch.manual_seed(1)
        reference = torch.nn.ConvTranspose2d(4, 2, 3, stride=2, groups=2).double()
        x = self.rng.normal(size=(4, 3, 5))
        with linen_on_numpy():
            sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform)
            module = self.converted(2, 4, 2, 3, stride=2, groups=2)
            target = init(module, 0, x)
            loaded = self.runtime.KeyMapper.from_torch({k: v.detach().numpy() for k, v in reference.state_dict().items()}, target)
            ours = apply(module, loaded, x)
        np.testing.assert_allclose(ours, reference(torch.tensor(x)).detach().numpy(), rtol=1e-9, atol=1e-9)

    def test_torch_s_initialisation_bounds(self):
        # torch: kaiming_uniform(a=sqrt(5)) and the bias from fan_in = weight.size(1) * prod(k) = out / groups * 9.
        with linen_on_numpy():
            sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform)
            module = self.converted(2, 8, 12, 3, groups=4)
            variables = init(module, 0, np.zeros((1, 8, 5, 5), np.float32))
        bound = 1 / np.sqrt(12 // 4 * 9)
        self.assertEqual(variables["params"]["kernel"].shape, (3, 3, 3, 8))
        for name in ("kernel", "bias"):
            values = variables["params"][name]
            self.assertLessEqual(np.abs(values).max(), bound)
            self.assertGreater(np.abs(values).max(), bound * 0.8)

    def test_init_loops_see_torch_s_class(self):
        with linen_on_numpy():
            module = self.converted(2, 4, 6, 3, groups=2)
            self.assertEqual(self.runtime._torch_layer(module, ()), "torch.nn.ConvTranspose2d")


CASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Switcheroo.Engine.Tests", "Golden", "Cases", "conv_transpose_groups")


def load(file_name, module_name):
    spec = importlib.util.spec_from_file_location(module_name, os.path.join(CASE, file_name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class GoldenUpsamplerIsTorchs(unittest.TestCase):
    def test_upsampler(self):
        runtime = load_runtime("switcheroo_runtime_upsampler")
        reference_module = load("input.torch.py", "upsampler_torch")
        with linen_on_numpy(), mock.patch.dict(sys.modules, {"switcheroo_runtime": runtime}):
            sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform)
            sys.modules["jax"].nn.relu = lambda x: np.maximum(x, 0)
            converted_module = load("expected.flax.py", "upsampler_flax")
            for channels, groups in ((4, 2), (4, 4), (2, 1)):
                with self.subTest(channels=channels, groups=groups):
                    torch.manual_seed(channels + groups)
                    reference = reference_module.Upsampler(channels, groups).double()
                    with torch.no_grad():
                        reference.smooth.copy_(torch.randn(reference.smooth.shape, dtype=torch.float64))
                    x = np.random.default_rng(groups).normal(size=(2, channels, 4, 5))
                    module = converted_module.Upsampler(channels, groups)
                    target = init(module, 0, x)
                    state = {k: v.detach().numpy() for k, v in reference.state_dict().items()}
                    loaded = runtime.KeyMapper.from_torch(state, target)
                    ours = apply(module, loaded, x)
                    np.testing.assert_allclose(ours, reference(torch.tensor(x)).detach().numpy(), rtol=1e-9, atol=1e-9)


if __name__ == "__main__":
    unittest.main()
