"""switcheroo_runtime.conv1d/conv2d/conv3d and conv_transpose1d/2d/3d (torch.nn.functional's
convolutions) and pad's modes against torch 1.13 on numpy inputs, and the padding_mode path of torch's Conv layers (pad, then a
convolution without padding) composed from them.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime


class ConvolutionsMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_conv_functions")
        cls.rng = np.random.default_rng(7)

    def close(self, ours, theirs):
        self.assertEqual(np.shape(ours), tuple(theirs.shape))
        np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-9, atol=1e-10)

    def test_convolutions(self):
        torch_functions = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
        cases = [
            {},
            {"stride": 2},
            {"padding": 1},
            {"padding": "same"},
            {"padding": "same", "dilation": 2},
            {"padding": "valid"},
            {"groups": 2},
            {"stride": 2, "padding": 2, "dilation": 2, "groups": 2},
        ]
        for ndim, function in torch_functions.items():
            for kwargs in cases + [{"stride": (1, 2, 1)[:ndim], "padding": (0, 1, 2)[:ndim], "dilation": (2, 1, 1)[:ndim]}]:
                for kernel in (3, 2):
                    for bias in (True, False):
                        with self.subTest(ndim=ndim, kernel=kernel, bias=bias, **{k: str(v) for k, v in kwargs.items()}):
                            groups = kwargs.get("groups", 1)
                            x = self.rng.normal(size=(2, 4) + (7,) * ndim)
                            w = self.rng.normal(size=(6, 4 // groups) + (kernel,) * ndim)
                            b = self.rng.normal(size=(6,)) if bias else None
                            with jax_on_numpy():
                                ours = getattr(self.runtime, f"conv{ndim}d")(x, w, b, **kwargs)
                            theirs = function(torch.tensor(x), torch.tensor(w), None if b is None else torch.tensor(b), **kwargs)
                            self.close(ours, theirs)

    def test_convolution_without_a_batch_axis(self):
        x = self.rng.normal(size=(3, 6, 5))
        w = self.rng.normal(size=(2, 3, 3, 2))
        with jax_on_numpy():
            ours = self.runtime.conv2d(x, w, None, 1, "same")
        self.close(ours, F.conv2d(torch.tensor(x), torch.tensor(w), None, 1, "same"))

    def test_same_padding_refuses_strides(self):
        x, w = self.rng.normal(size=(1, 1, 5)), self.rng.normal(size=(1, 1, 3))
        with jax_on_numpy(), self.assertRaises(ValueError):
            self.runtime.conv1d(x, w, None, 2, "same")

    def test_transposed_convolutions(self):
        torch_functions = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
        cases = [
            {},
            {"stride": 2},
            {"padding": 1},
            {"padding": 2},
            {"stride": 2, "output_padding": 1},
            {"groups": 2},
            {"dilation": 2},
            {"dilation": 2, "output_padding": 1},
            {"stride": 3, "padding": 2, "output_padding": 2, "groups": 2, "dilation": 2},
        ]
        for ndim, function in torch_functions.items():
            spread = {"stride": (2, 1, 3)[:ndim], "padding": (1, 0, 2)[:ndim], "output_padding": (1, 0, 1)[:ndim], "dilation": (1, 2, 2)[:ndim]}
            for kwargs in cases + [spread]:
                for kernel in (3, 2):
                    for bias in (True, False):
                        with self.subTest(ndim=ndim, kernel=kernel, bias=bias, **{k: str(v) for k, v in kwargs.items()}):
                            groups = kwargs.get("groups", 1)
                            x = self.rng.normal(size=(2, 4) + (5,) * ndim)
                            w = self.rng.normal(size=(4, 6 // groups) + (kernel,) * ndim)
                            b = self.rng.normal(size=(6,)) if bias else None
                            with jax_on_numpy():
                                ours = getattr(self.runtime, f"conv_transpose{ndim}d")(x, w, b, **kwargs)
                            theirs = function(torch.tensor(x), torch.tensor(w), None if b is None else torch.tensor(b), **kwargs)
                            self.close(ours, theirs)

    def test_transposed_convolution_positional_and_unbatched(self):
        # torch's order: input, weight, bias, stride, padding, output_padding, groups, dilation.
        x = self.rng.normal(size=(4, 3, 5))
        w = self.rng.normal(size=(4, 3, 2, 3))
        with jax_on_numpy():
            ours = self.runtime.conv_transpose2d(x, w, None, 2, 1, 1, 2, (1, 2))
        self.close(ours, F.conv_transpose2d(torch.tensor(x), torch.tensor(w), None, 2, 1, 1, 2, (1, 2)))

    def test_transposed_convolution_refuses_a_large_output_padding(self):
        x, w = self.rng.normal(size=(1, 1, 5)), self.rng.normal(size=(1, 1, 3))
        with jax_on_numpy(), self.assertRaises(RuntimeError):
            self.runtime.conv_transpose1d(x, w, None, 2, 0, 2)
        with self.assertRaises(RuntimeError):
            F.conv_transpose1d(torch.tensor(x), torch.tensor(w), None, 2, 0, 2)

    def test_transposed_layers(self):
        # torch's ConvTranspose layers: their weight (in, out / groups, *k) and settings through the function.
        for ndim, layer in ((1, torch.nn.ConvTranspose1d), (2, torch.nn.ConvTranspose2d), (3, torch.nn.ConvTranspose3d)):
            with self.subTest(ndim=ndim):
                torch.manual_seed(0)
                conv = layer(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2, dilation=1).double()
                x = self.rng.normal(size=(2, 4) + (4,) * ndim)
                with jax_on_numpy():
                    ours = getattr(self.runtime, f"conv_transpose{ndim}d")(
                        x, conv.weight.detach().numpy(), conv.bias.detach().numpy(), conv.stride, conv.padding,
                        conv.output_padding, conv.groups, conv.dilation)
                self.close(ours, conv(torch.tensor(x)).detach())

    def test_pad_modes(self):
        cases = [((1, 2), (1, 2, 5)), ((1, 2, 2, 0), (1, 2, 4, 5)), ((0, 1, 2, 1, 1, 1), (1, 2, 3, 4, 5)), ((2, 1), (2, 6))]
        for mode in ("constant", "reflect", "replicate", "circular"):
            for pads, shape in cases:
                if mode == "circular" and len(shape) == 2:
                    continue  # torch 1.13's circular padding wants a batch axis
                with self.subTest(mode=mode, pads=pads, shape=shape):
                    x = self.rng.normal(size=shape)
                    with jax_on_numpy():
                        ours = self.runtime.pad(x, pads, mode=mode)
                    self.close(ours, F.pad(torch.tensor(x), pads, mode=mode))

    def test_pad_constant_value(self):
        x = self.rng.normal(size=(1, 2, 3))
        with jax_on_numpy():
            ours = self.runtime.pad(x, (1, 1), value=2.5)
        self.close(ours, F.pad(torch.tensor(x), (1, 1), value=2.5))

    def test_pad_refuses_a_value_with_other_modes(self):
        with jax_on_numpy(), self.assertRaises(RuntimeError):
            self.runtime.pad(np.zeros((1, 1, 3)), (1, 1), mode="reflect", value=1.0)

    def test_padding_modes_of_conv_layers(self):
        # torch's Conv layers with padding_mode other than 'zeros': F.pad by _reversed_padding_repeated_twice, then no padding.
        for ndim, layer in ((1, torch.nn.Conv1d), (2, torch.nn.Conv2d), (3, torch.nn.Conv3d)):
            for mode in ("reflect", "replicate", "circular"):
                with self.subTest(ndim=ndim, mode=mode):
                    torch.manual_seed(0)
                    conv = layer(3, 4, 3, padding=(1, 2, 1)[:ndim] if ndim > 1 else 2, padding_mode=mode, dilation=1).double()
                    x = self.rng.normal(size=(2, 3) + (6,) * ndim)
                    with jax_on_numpy():
                        padded = self.runtime.pad(x, conv._reversed_padding_repeated_twice, mode=mode)
                        ours = getattr(self.runtime, f"conv{ndim}d")(padded, conv.weight.detach().numpy(), conv.bias.detach().numpy(),
                                                                     conv.stride, 0, conv.dilation, conv.groups)
                    self.close(ours, conv(torch.tensor(x)).detach())


if __name__ == "__main__":
    unittest.main()
