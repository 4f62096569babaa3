"""switcheroo_runtime.StrEnum: the base torchvision._utils.StrEnum stands for (torchvision's weight
enums derive from it). A class deriving from either answers from_str, iteration, values and the
error for an unknown name alike, and offers auto.

Run with Debian's python3 (python3-numpy, python3-torch): python3 -m unittest discover -s tests/runtime
"""
import enum
import unittest

from torchvision._utils import StrEnum as TorchvisionStrEnum

from numpy_jax import load_runtime


def palette(base):
    class Palette(base):
        RED = ("r", 1)
        GREEN = ("g", 2)
        CRIMSON = ("r", 1)
        BLUE = base.auto()

    return Palette


class StrEnumTest(unittest.TestCase):
    def setUp(self):
        self.ours = palette(load_runtime("switcheroo_runtime_str_enum").StrEnum)
        self.theirs = palette(TorchvisionStrEnum)

    def test_from_str_finds_members_and_aliases(self):
        for name in ("RED", "GREEN", "CRIMSON", "BLUE"):
            self.assertEqual(self.ours.from_str(name).name, self.theirs.from_str(name).name)
            self.assertEqual(self.ours.from_str(name).value, self.theirs.from_str(name).value)

    def test_unknown_name_is_the_same_error(self):
        for name in ("red", "", "Palette.RED"):
            with self.assertRaises(ValueError) as theirs:
                self.theirs.from_str(name)
            with self.assertRaises(ValueError) as ours:
                self.ours.from_str(name)
            self.assertEqual(str(ours.exception), str(theirs.exception))

    def test_members_and_enum_behaviour(self):
        self.assertEqual([m.name for m in self.ours], [m.name for m in self.theirs])
        self.assertIsInstance(self.ours.RED, enum.Enum)
        self.assertIs(self.ours["CRIMSON"], self.ours.RED)
        self.assertEqual(self.ours(("g", 2)).name, self.theirs(("g", 2)).name)


if __name__ == "__main__":
    unittest.main()
