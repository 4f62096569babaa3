"""switcheroo_runtime.constructor_keywords: a mapping unpacked into the construction of a converted
module class whose torch constructor ignored extra keywords (``**kwargs`` never read) keeps only
torch's named arguments, so the Flax module gets the fields torch's constructor got, and what torch
ignored (``name``, ``parent`` and ``train`` included) is ignored again.

Run with Debian's python3 (python3-numpy, python3-torch): python3 -m unittest discover -s tests/runtime
"""
import dataclasses
import unittest

import torch

from numpy_jax import load_runtime


class Head(torch.nn.Module):
    """torch's side: named arguments, and a **kwargs the constructor never reads."""

    def __init__(self, width, classes=10, *, dropout=0.0, **kwargs):
        super().__init__()
        self.fc = torch.nn.Linear(width, classes)
        self.dropout = dropout


@dataclasses.dataclass
class LinenHead:
    """Stands in for the converted Linen class: torch's named arguments, a train field, and the
    parent and name fields every Linen module has (Linen modules are dataclasses)."""

    width: int
    classes: int = 10
    dropout: float = 0.0
    train: bool = True
    parent: object = None
    name: str = None


NAMES = ("width", "classes", "dropout")


def torch_arguments(module):
    return {"width": module.fc.in_features, "classes": module.fc.out_features, "dropout": module.dropout}


def flax_arguments(module):
    return {"width": module.width, "classes": module.classes, "dropout": module.dropout}


class ConstructorKeywordsKeepWhatTorchTook(unittest.TestCase):
    def setUp(self):
        self.runtime = load_runtime("switcheroo_runtime_constructor_keywords")

    def build_both(self, *args, **keywords):
        torch_module = Head(*args, **keywords)
        flax_module = LinenHead(*args, **self.runtime.constructor_keywords(keywords, NAMES))
        return torch_module, flax_module

    def test_named_arguments_reach_the_fields(self):
        torch_module, flax_module = self.build_both(8, classes=3, dropout=0.5)
        self.assertEqual(torch_arguments(torch_module), flax_arguments(flax_module))

    def test_what_torch_ignored_is_ignored(self):
        torch_module, flax_module = self.build_both(8, classes=4, stride=2, weights=None)
        self.assertEqual(torch_arguments(torch_module), flax_arguments(flax_module))

    def test_name_parent_and_train_are_not_taken_as_linen_fields(self):
        torch_module, flax_module = self.build_both(8, name="head", parent="elsewhere", train=False)
        self.assertEqual(torch_arguments(torch_module), flax_arguments(flax_module))
        self.assertEqual((flax_module.name, flax_module.parent, flax_module.train), (None, None, True))

    def test_a_key_given_positionally_too_fails_in_both(self):
        with self.assertRaises(TypeError):
            Head(8, **{"width": 4})
        with self.assertRaises(TypeError):
            LinenHead(8, **self.runtime.constructor_keywords({"width": 4}, NAMES))

    def test_a_key_that_is_no_string_fails_in_both(self):
        with self.assertRaises(TypeError):
            Head(8, **{1: 2})
        with self.assertRaises(TypeError):
            self.runtime.constructor_keywords({1: 2}, NAMES)

    def test_the_mapping_is_not_changed(self):
        keywords = {"classes": 3, "extra": 1}
        self.runtime.constructor_keywords(keywords, NAMES)
        self.assertEqual(keywords, {"classes": 3, "extra": 1})


if __name__ == "__main__":
    unittest.main()
