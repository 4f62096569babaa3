"""switcheroo_runtime.with_train: a block a module was given and builds (``block(inplanes, planes)``)
gets the building module's train flag when it is a class with a ``train`` field, as torch's
``model.eval()`` reaches every block; anything else is called as it was given.

Run with Debian's python3 (python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import dataclasses
import functools
import unittest

from numpy_jax import load_runtime


@dataclasses.dataclass
class Block:
    """Stands in for a converted train-dependent Linen class (Linen modules are dataclasses)."""

    width: int
    stride: int = 1
    train: bool = True


@dataclasses.dataclass
class Plain:
    """A converted class without a train field (no BatchNorm, no dropout)."""

    width: int


def helper(width):
    return ("helper", width)


class WithTrainPassesTheFlagToTrainDependentBlocks(unittest.TestCase):
    def setUp(self):
        self.runtime = load_runtime("switcheroo_runtime_with_train")

    def test_a_train_dependent_class_gets_the_flag(self):
        self.assertEqual(self.runtime.with_train(Block, False)(8, stride=2), Block(8, 2, train=False))
        self.assertEqual(self.runtime.with_train(Block, True)(8), Block(8, train=True))

    def test_a_partial_of_it_gets_the_flag_unless_it_has_one(self):
        self.assertEqual(self.runtime.with_train(functools.partial(Block, stride=3), False)(8), Block(8, 3, train=False))
        given = functools.partial(Block, train=True)
        self.assertIs(self.runtime.with_train(given, False), given)

    def test_anything_else_is_called_as_given(self):
        self.assertIs(self.runtime.with_train(Plain, False), Plain)
        self.assertIs(self.runtime.with_train(helper, False), helper)
        self.assertEqual(self.runtime.with_train(helper, False)(4), ("helper", 4))


if __name__ == "__main__":
    unittest.main()
