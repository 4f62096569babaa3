"""Subclasses that rebind their arguments before passing them on (golden case
derived_transposed_convolutions, shaped as torch's ConvTranspose1d/2d over _ConvTransposeNd over
_ConvNd: ``size = _pair(size)``, then ``super().__init__(..., size, ...)``): the converted classes keep
the arguments in their fields and read torch's values through the base's properties. Each class is
built as torch's constructions are written; torch's stored values are compared with the properties,
and the outputs of the converted modules (on the numpy stand-ins of Flax and JAX, with the runtime's
transposed convolutions) with torch's, on torch's weights.

Run with Debian's python3 (python3-numpy, python3-torch): python3 -m unittest discover -s tests/runtime
"""
import importlib.util
import os
import sys
import unittest
from unittest import mock

import numpy as np
import torch

from numpy_jax import load_runtime
from numpy_linen import apply, init, linen_on_numpy

CASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Switcheroo.Engine.Tests", "Golden", "Cases",
                    "derived_transposed_convolutions")


def load(file_name, module_name):
    spec = importlib.util.spec_from_file_location(module_name, os.path.join(CASE, file_name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nested(state_dict):
    """torch's state_dict as the converted module's params: the keys' dots are the submodules."""
    params = {}
    for key, value in state_dict.items():
        *path, leaf = key.split(".")
        place = params
        for step in path:
            place = place.setdefault(step, {})
        place[leaf] = value.detach().numpy()
    return {"params": params}


class ReboundArgumentsReadTorchsValues(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.torch = load("input.torch.py", "transposed_torch")
        cls.runtime = load_runtime("switcheroo_runtime_transposed")
        with linen_on_numpy(), mock.patch.dict(sys.modules, {"switcheroo_runtime": cls.runtime}):
            cls.flax = load("expected.flax.py", "transposed_flax")
        cls.rng = np.random.default_rng(11)

    def run_both(self, name, args, kwargs, shape, *call):
        torch.manual_seed(0)
        built = getattr(self.torch, name)(*args, **kwargs).double()
        with torch.no_grad():
            for parameter in built.parameters():
                parameter.copy_(torch.tensor(self.rng.normal(size=tuple(parameter.shape))))
        x = self.rng.normal(size=shape)
        with linen_on_numpy(), mock.patch.dict(sys.modules, {"switcheroo_runtime": self.runtime}):
            converted = getattr(self.flax, name)(*args, **kwargs)
            variables = init(converted, 0, x, *call)
            for key, value in nested(built.state_dict())["params"].items():
                self.assertEqual(np.shape(variables["params"][key]) if not isinstance(value, dict) else None,
                                 np.shape(value) if not isinstance(value, dict) else None)
            ours = apply(converted, nested(built.state_dict()), x, *call)
        return built, converted, ours, built(torch.tensor(x), *call).detach().numpy()

    def test_transposed_constructions(self):
        cases = [
            ("Spread1d", (2, 4, 3), {}, (2, 2, 5)),
            ("Spread1d", (2, 4, 3, 2, 1, 1), {}, (2, 2, 5)),
            ("Spread1d", (4, 6, 2), {"stride": 3, "extra": 2, "groups": 2, "dilation": 2}, (1, 4, 6)),
            ("Spread1d", (2, 4, 3, 2, 2, 1, 2, False), {"dilation": 3}, (2, 2, 4)),
            ("Spread2d", (4, 6, 3), {"stride": 2, "padding": 1, "extra": 1, "groups": 2}, (1, 4, 5, 5)),
            ("Spread2d", (2, 2, (3, 2)), {"stride": (2, 1), "padding": (1, 0), "extra": (1, 0), "dilation": (1, 2)}, (2, 2, 4, 5)),
            ("Spread2d", (2, 3, 2), {"bias": False}, (1, 2, 3, 3)),
        ]
        for name, args, kwargs, shape in cases:
            with self.subTest(cls=name, args=args, kwargs=kwargs):
                built, converted, ours, theirs = self.run_both(name, args, kwargs, shape)
                self.assertEqual((converted.size_, converted.stride_, converted.padding_, converted.dilation_, converted.extra_),
                                 (built.size, built.stride, built.padding, built.dilation, built.extra))
                self.assertEqual(converted.settings(), built.settings())
                self.assertEqual((converted.transposed, converted.groups), (built.transposed, built.groups))
                np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-9)

    def test_output_size(self):
        for size in ([11], [12], [1, 4, 12]):
            with self.subTest(size=size):
                built, converted, ours, theirs = self.run_both("Spread1d", (2, 4, 3), {"stride": 2}, (1, 2, 5), size)
                self.assertEqual(ours.shape, theirs.shape)
                np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-9)

    def test_convolution_beside_them(self):
        built, converted, ours, theirs = self.run_both("Gather2d", (3, 4, 3), {"stride": 2}, (2, 3, 7, 6))
        self.assertEqual((converted.size_, converted.stride_, converted.padding_, converted.extra_),
                         (built.size, built.stride, built.padding, built.extra))
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-9)

    def test_user_module(self):
        built, converted, ours, theirs = self.run_both("Decoder", (), {}, (2, 4, 5, 5))
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-9)

    def test_the_fields_hold_the_arguments(self):
        with linen_on_numpy():
            converted = self.flax.Spread2d(4, 6, 3, 2)
        self.assertEqual((converted.size, converted.stride, converted.size_, converted.stride_), (3, 2, (3, 3), (2, 2)))

    def test_dilation_is_keyword_only(self):
        # The dataclass puts the base's fields first: dilation, torch's ninth positional argument, follows transposed there.
        with linen_on_numpy(), self.assertRaises(TypeError):
            self.flax.Spread1d(2, 4, 3, 1, 0, 0, 1, True, 2)


if __name__ == "__main__":
    unittest.main()
