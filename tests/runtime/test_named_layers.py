"""switcheroo_runtime.add_layers / add_layer / layer_items / layer_values: the layers of a container
that names them (nn.Sequential given an OrderedDict, self.add_module, a nn.ModuleDict subclass) set
as attributes of their names in a converted setup, the names kept in torch's order; checked against
the order and names torch's own containers keep.

Run with Debian's python3 (python3-torch): python3 -m unittest discover -s tests/runtime
"""
import unittest
from collections import OrderedDict

from torch import nn

from numpy_jax import load_runtime


class Module:
    """Stands in for a Linen module in setup: an attribute set on it names the submodule."""

    name = None

    def setup(self):
        pass


class NamedLayersKeepTorchsNamesAndOrder(unittest.TestCase):
    def setUp(self):
        self.runtime = load_runtime("switcheroo_runtime_named_layers")

    def test_an_ordered_dict_is_set_in_order(self):
        layers = OrderedDict([("reduce", nn.Linear(4, 2)), ("gate", nn.Sigmoid()), ("expand", nn.Linear(2, 4))])
        module = Module()
        names = self.runtime.add_layers(module, layers)
        self.assertEqual(names, tuple(nn.Sequential(layers)._modules))
        self.assertIs(module.gate, layers["gate"])
        self.assertEqual(self.runtime.layer_values(module, names), list(layers.values()))

    def test_pairs_are_set_as_a_mapping_is(self):
        pairs = [("b", nn.ReLU()), ("a", nn.Tanh())]
        names = self.runtime.add_layers(Module(), pairs)
        self.assertEqual(names, tuple(nn.ModuleDict(pairs).keys()))

    def test_add_module_appends_in_registration_order(self):
        torch_dict, module, names = nn.ModuleDict(), Module(), ()
        for i in range(3):
            layer = nn.Linear(2, 2)
            torch_dict.add_module("denselayer%d" % (i + 1), layer)
            names = self.runtime.add_layer(module, names, "denselayer%d" % (i + 1), layer)
        self.assertEqual(names, tuple(torch_dict.keys()))
        self.assertEqual(self.runtime.layer_items(module, names), list(torch_dict.items()))

    def test_names_torch_refuses_are_refused(self):
        for bad, error in (("", KeyError), ("conv.1", KeyError), (3, TypeError)):
            with self.subTest(name=bad):
                with self.assertRaises(error):
                    nn.Sequential().add_module(bad, nn.ReLU())
                with self.assertRaises(error):
                    self.runtime.add_layer(Module(), (), bad, nn.ReLU())

    def test_a_name_of_the_flax_module_is_refused(self):
        # torch keeps its layers apart from its attributes; Flax's module has name, setup, ... itself
        for taken in ("name", "setup"):
            with self.subTest(name=taken):
                with self.assertRaises(KeyError):
                    self.runtime.add_layer(Module(), (), taken, nn.ReLU())


if __name__ == "__main__":
    unittest.main()
