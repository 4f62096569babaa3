"""Subclasses that pass their base values computed from their own arguments (golden case
derived_field_transforms, shaped as torch's Conv1d/Conv2d over _ConvNd: ``size_ = _pair(size)``,
``padding_ = padding if isinstance(padding, str) else _pair(padding)``): the converted classes keep the
arguments in their fields and read torch's values through properties. Each class is built here as
torch's constructions are written, positionally and by keyword; torch's stored values are compared
with the properties, and the outputs of the converted modules (run on the numpy stand-ins of Flax and
JAX, with the runtime's convolutions and padding modes) with torch's.

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

CASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Switcheroo.Engine.Tests", "Golden", "Cases", "derived_field_transforms")


def load(file_name, module_name):
    spec = importlib.util.spec_from_file_location(module_name, os.path.join(CASE, file_name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TransformedFieldsReadTorchsValues(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.torch = load("input.torch.py", "transforms_torch")
        cls.runtime = load_runtime("switcheroo_runtime_transforms")
        with linen_on_numpy(), mock.patch.dict(sys.modules, {"switcheroo_runtime": cls.runtime}):
            cls.flax = load("expected.flax.py", "transforms_flax")
        cls.rng = np.random.default_rng(3)

    def run_both(self, name, args, kwargs, shape):
        built = getattr(self.torch, name)(*args, **kwargs)
        x = self.rng.normal(size=shape).astype(np.float32)
        with linen_on_numpy(), mock.patch.dict(sys.modules, {"switcheroo_runtime": self.runtime}):
            converted = getattr(self.flax, name)(*args, **kwargs)
            variables = init(converted, 0, x)
            ours = apply(converted, variables, x)
        return built, converted, ours, built(torch.tensor(x)).detach().numpy()

    def test_constructions_store_torchs_values(self):
        cases = [
            ("Smooth1d", (3, 3), {}, (2, 3, 9)),
            ("Smooth1d", (3, 3, 2, 1), {}, (2, 3, 9)),
            ("Smooth1d", (3, 2), {"padding": "same"}, (1, 3, 8)),
            ("Smooth1d", (3, 3), {"padding": 2, "mode": "reflect"}, (2, 3, 9)),
            ("Smooth1d", (3, 4), {"padding": "same", "mode": "reflect"}, (2, 3, 9)),
            ("Smooth2d", (2, (3, 2)), {"padding": "same", "mode": "circular"}, (1, 2, 5, 6)),
            ("Smooth1d", (3, 3, 1, 1, "circular", 0.5), {}, (2, 3, 9)),
            ("Smooth2d", (4, 3), {}, (1, 4, 7, 6)),
            ("Smooth2d", (4, (3, 2), 2, (1, 0)), {}, (1, 4, 7, 6)),
            ("Smooth2d", (4, 3), {"padding": "same", "scale": 3.0}, (2, 4, 6, 6)),
            ("Smooth2d", (), {"channels": 4, "size": (2, 3), "padding": (1, 2), "mode": "replicate"}, (1, 4, 5, 6)),
        ]
        for name, args, kwargs, shape in cases:
            with self.subTest(cls=name, args=args, kwargs=kwargs):
                built, converted, ours, theirs = self.run_both(name, args, kwargs, shape)
                self.assertEqual((converted.size_, converted.stride_, converted.padding_, converted.offset),
                                 (built.size, built.stride, built.padding, built.offset))
                self.assertEqual((converted.mode, converted.scale, converted.taps, converted._pads),
                                 (built.mode, built.scale, built.taps, built._pads))
                self.assertEqual(converted.extra(), built.extra())
                np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-6)

    def test_the_fields_hold_the_arguments(self):
        with linen_on_numpy():
            converted = self.flax.Smooth2d(4, 3, 2)
        self.assertEqual((converted.size, converted.stride, converted.size_, converted.stride_), (3, 2, (3, 3), (2, 2)))

    def test_the_base_reads_its_own_fields(self):
        base = self.torch._Smooth(2, (3,), (1,), (0,), (0,), "zeros")
        with linen_on_numpy(), mock.patch.dict(sys.modules, {"switcheroo_runtime": self.runtime}):
            converted = self.flax._Smooth(2, (3,), (1,), (0,), (0,), "zeros")
            converted.setup()
        self.assertEqual((converted.size_, converted.taps, converted._pads), (base.size, base.taps, base._pads))


if __name__ == "__main__":
    unittest.main()
