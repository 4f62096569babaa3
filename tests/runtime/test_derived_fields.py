"""Subclasses of module classes that fix some of their base's arguments (golden case
derived_fixed_arguments: ``super().__init__(size, factor, how="nearest")``, ``chunks=3`` beside a
dict of keywords, a value before ``*args``): the converted classes declare those fields again,
keyword-only, with the fixed value or the base's default. Each class is built here as torch's
constructions are written, positionally and by keyword, and its fields are compared with what
torch's constructor stored; a positional call torch rejects is rejected too.

The Linen classes are dataclasses as Flax's are (the numpy stand-in's ``Module`` makes every
subclass a dataclass with Python's own ``dataclasses``, which Flax 0.12 applies too: a field
declared again keeps its place, and one after ``_: dataclasses.KW_ONLY`` is keyword-only).

Run with Debian's python3 (python3-numpy, python3-torch): python3 -m unittest discover -s tests/runtime
"""
import importlib.util
import os
import sys
import types
import unittest
from unittest import mock

from numpy_linen import linen_on_numpy

CASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Switcheroo.Engine.Tests", "Golden", "Cases", "derived_fixed_arguments")


def load(file_name, module_name):
    spec = importlib.util.spec_from_file_location(module_name, os.path.join(CASE, file_name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FixedFieldsTakeTorchsConstructions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.torch = load("input.torch.py", "derived_torch")
        # The classes only read the runtime in their methods, which building them does not run.
        with linen_on_numpy(), mock.patch.dict(sys.modules, {"switcheroo_runtime": types.ModuleType("switcheroo_runtime")}):
            cls.flax = load("expected.flax.py", "derived_flax")

    def same(self, name, calls, torch_fields, names):
        for args, kwargs in calls:
            with self.subTest(cls=name, args=args, kwargs=kwargs):
                built = getattr(self.torch, name)(*args, **kwargs)
                converted = getattr(self.flax, name)(*args, **kwargs)
                self.assertEqual(torch_fields(built), {field: getattr(converted, field) for field in names})

    def test_resize_with_a_fixed_mode(self):
        calls = [((), {}), ((4,), {}), ((4, 2), {}), ((), {"size": 4}), ((), {"factor": 2}), ((None, 2), {})]
        names = ("size", "factor", "how", "corners")
        for name in ("NearestResize", "BilinearResize"):
            self.same(name, calls, lambda m: {field: getattr(m, field) for field in names}, names)

    def test_gate_with_fixed_chunks_and_factory_keywords(self):
        calls = [((4, 6), {}), ((4, 6, False), {}), ((4, 6, False, None, None), {}), ((4, 6), {"bias": False, "dtype": None}),
                 ((), {"features": 4, "hidden": 6})]

        def torch_fields(m):
            return {"features": m.proj.in_features, "hidden": m.proj.out_features // m.chunks, "bias": m.proj.bias is not None, "chunks": m.chunks}

        self.same("TripleGate", calls, torch_fields, ("features", "hidden", "bias", "chunks"))

    def test_mixer_with_a_value_before_args(self):
        calls = [((5,), {}), ((5, 3), {}), ((5,), {"depth": 2}), ((), {"width": 5})]

        def torch_fields(m):
            return {"kind": m.kind, "width": m.layers[0].in_features, "depth": len(m.layers)}

        self.same("TanhMixer", calls, torch_fields, ("kind", "width", "depth"))

    def test_fields_torch_does_not_take_are_not_positional(self):
        for name, args in (("NearestResize", (None, 2, "bilinear")), ("TripleGate", (4, 6, True, None, None, 3))):
            with self.subTest(cls=name):
                with self.assertRaises(TypeError):
                    getattr(self.torch, name)(*args)
                with self.assertRaises(TypeError):
                    getattr(self.flax, name)(*args)


if __name__ == "__main__":
    unittest.main()
