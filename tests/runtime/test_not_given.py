"""switcheroo_runtime.NOT_GIVEN: the default of a field standing for a key that torch's constructor
tested its ``**kwargs`` for (``"scale" in kwargs``, then ``kwargs["scale"]``). The converted class
tests ``scale is not NOT_GIVEN``; this checks that the test and the value read agree with torch's
for every way of constructing (key absent, passed, passed as None), and that the sentinel stays one
object through copies and pickles and may be a dataclass default.

Run with Debian's python3 (python3-numpy, python3-torch): python3 -m unittest discover -s tests/runtime
"""
import copy
import dataclasses
import pickle
import sys
import unittest

import torch

from numpy_jax import load_runtime


class Scaled(torch.nn.Module):
    """torch's side: a key tested for, and read only where it was passed."""

    def __init__(self, width, **kwargs):
        super().__init__()
        self.fc = torch.nn.Linear(width, width)
        self.passed = "scale" in kwargs
        self.scale = kwargs["scale"] if "scale" in kwargs else 1.0
        self.none = "scale" in kwargs and kwargs["scale"] is None


class ConvertedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_not_given")
        # Registered as an imported module is, so pickle finds the sentinel by its name.
        sys.modules["switcheroo_runtime_not_given"] = cls.runtime
        sentinel = cls.runtime.NOT_GIVEN

        @dataclasses.dataclass(frozen=True)
        class LinenScaled:
            """Stands in for the converted Linen class (Linen modules are frozen dataclasses)."""

            width: int
            _: dataclasses.KW_ONLY
            scale: object = sentinel

            def setup(self):
                scale = self.scale
                return (scale is not sentinel, scale if scale is not sentinel else 1.0,
                        scale is not sentinel and scale is None)

        cls.Linen = LinenScaled

    @classmethod
    def tearDownClass(cls):
        del sys.modules["switcheroo_runtime_not_given"]

    def check(self, **kwargs):
        torch_module = Scaled(4, **kwargs)
        self.assertEqual(self.Linen(4, **kwargs).setup(), (torch_module.passed, torch_module.scale, torch_module.none))

    def test_absent(self):
        self.check()

    def test_passed(self):
        self.check(scale=2.5)

    def test_passed_none(self):
        self.check(scale=None)

    def test_hashable_default_of_a_frozen_dataclass(self):
        hash(self.Linen(4))
        self.assertEqual(self.Linen(4), self.Linen(4))

    def test_one_object_through_copies_and_pickles(self):
        sentinel = self.runtime.NOT_GIVEN
        self.assertIs(copy.copy(sentinel), sentinel)
        self.assertIs(copy.deepcopy(sentinel), sentinel)
        self.assertIs(pickle.loads(pickle.dumps(sentinel)), sentinel)
        self.assertEqual(repr(sentinel), "NOT_GIVEN")


if __name__ == "__main__":
    unittest.main()
