"""switcheroo_runtime.with_state_dict (torch's load_state_dict on a model that is returned, not
called) against torch 1.13: a torch model's state_dict, carried by the converted module, gives
torch's outputs after ``init``, at the top and as a submodule of a module that initialises it.

The Flax modules below are what the conversion writes for the torch modules beside them, run on
the numpy stand-in of flax.linen (numpy_linen.py: dataclass modules, fields as submodules, Flax's
put_variable and clone; Dense computes).

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import copy
import pickle
import sys
import unittest
import warnings

import numpy as np
import torch

from numpy_jax import load_runtime
from numpy_linen import apply, init, linen_on_numpy

RUNTIME_NAME = "switcheroo_runtime_with_state_dict"
rt = load_runtime(RUNTIME_NAME)
sys.modules[RUNTIME_NAME] = rt  # pickling names the runtime's functions by module


class TorchBlock(torch.nn.Module):
    def __init__(self, c):
        super().__init__()
        self.fc = torch.nn.Linear(c, c)
        self.bn = torch.nn.BatchNorm1d(c)

    def forward(self, x):
        return torch.relu(self.bn(self.fc(x)))


class TorchNet(torch.nn.Module):
    def __init__(self, c=8, classes=3):
        super().__init__()
        self.blocks = torch.nn.ModuleList([TorchBlock(c) for _ in range(2)])
        self.head = torch.nn.Linear(c, classes)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)


class TorchDetector(torch.nn.Module):
    """A module given a loaded backbone, as torchvision's detection models are."""

    def __init__(self, backbone):
        super().__init__()
        self.backbone = backbone
        self.box = torch.nn.Linear(3, 4)

    def forward(self, x):
        return self.box(self.backbone(x))


with linen_on_numpy():
    import flax.linen as nn

    class Block(nn.Module):
        fc: nn.Module
        bn: nn.Module

        def __call__(self, x):
            return np.maximum(self.bn(self.fc(x)), 0)

    class Net(nn.Module):
        blocks: list
        head: nn.Module

        def __call__(self, x):
            for block in self.blocks:
                x = block(x)
            return self.head(x)

    class Detector(nn.Module):
        backbone: nn.Module
        box: nn.Module

        def __call__(self, x):
            return self.box(self.backbone(x))


def flax_net(train=False, c=8, classes=3):
    """What the conversion writes for TorchNet (submodules as fields here)."""
    blocks = [Block(fc=nn.Dense(features=c), bn=rt.BatchNorm(use_running_average=not train)) for _ in range(2)]
    return Net(blocks=blocks, head=nn.Dense(features=classes))


def trained_torch_net():
    """A TorchNet whose weights and running statistics are not their initial values."""
    torch.manual_seed(0)
    net = TorchNet()
    net.train()
    with torch.no_grad():
        for _ in range(3):
            net(torch.randn(16, 8) * 2 + 1)
    return net.eval()


class WithStateDictIsTorchsLoad(unittest.TestCase):
    def setUp(self):
        self.torch_net = trained_torch_net()
        self.state_dict = self.torch_net.state_dict()
        self.x = np.random.default_rng(1).standard_normal((5, 8)).astype(np.float32)
        self.expected = self.torch_net(torch.from_numpy(self.x)).detach().numpy()

    def test_init_gives_the_torch_weights_and_apply_torchs_outputs(self):
        with linen_on_numpy():
            model = rt.with_state_dict(flax_net(), self.state_dict)
            variables = init(model, 0, self.x)
            np.testing.assert_allclose(apply(model, variables, self.x), self.expected, rtol=1e-5, atol=1e-6)
        expected = rt.KeyMapper.from_torch(self.state_dict, variables)
        for path, value in rt.KeyMapper.flatten(expected).items():
            loaded = rt.KeyMapper.flatten(variables)[path]
            np.testing.assert_array_equal(loaded, value)
            self.assertEqual(loaded.dtype, np.float32)

    def test_it_is_the_same_module_and_clone_keeps_the_weights(self):
        with linen_on_numpy():
            original = flax_net()
            model = rt.with_state_dict(original, self.state_dict)
            self.assertIsInstance(model, Net)
            self.assertEqual(type(model).__name__, "Net")
            self.assertIs(model.head, original.head)
            self.assertIsNot(init(original, 0, self.x)["params"]["head"]["kernel"], None)
            for copied in (model.clone(), copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
                self.assertIsInstance(copied, Net)
                variables = init(copied, 0, self.x)
                np.testing.assert_allclose(apply(copied, variables, self.x), self.expected, rtol=1e-5, atol=1e-6)
            again = rt.with_state_dict(model, TorchNet().state_dict())
            self.assertIs(type(again), type(model))
            hash(model.torch_state_dict)
            self.assertNotEqual(model.torch_state_dict, rt.with_state_dict(original, self.state_dict).torch_state_dict)

    def test_a_loaded_submodule_gets_its_weights_when_the_parent_initialises(self):
        detector = TorchDetector(self.torch_net).eval()
        with linen_on_numpy():
            backbone = rt.with_state_dict(flax_net(), self.state_dict)
            model = Detector(backbone=backbone, box=nn.Dense(features=4))
            variables = init(model, 0, self.x)
            box = variables["params"]["box"]
            with torch.no_grad():
                detector.box.weight.copy_(torch.from_numpy(box["kernel"].T))
                detector.box.bias.copy_(torch.from_numpy(box["bias"]))
            expected = detector(torch.from_numpy(self.x)).detach().numpy()
            np.testing.assert_allclose(apply(model, variables, self.x), expected, rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(variables["batch_stats"]["backbone"]["blocks_1"]["bn"]["var"],
                                      self.state_dict["blocks.1.bn.running_var"].numpy())

    def test_strict_refuses_what_torch_refuses(self):
        extra = dict(self.state_dict, **{"head.extra": torch.zeros(3)})
        missing = {k: v for k, v in self.state_dict.items() if k != "head.bias"}
        with self.assertRaises(RuntimeError):
            TorchNet().load_state_dict(extra)
        with self.assertRaises(RuntimeError):
            TorchNet().load_state_dict(missing)
        with linen_on_numpy():
            for state_dict in (extra, missing):
                with self.assertRaises(rt.CheckpointMismatchError):
                    init(rt.with_state_dict(flax_net(), state_dict), 0, self.x)

    def test_not_strict_keeps_the_modules_own_values_for_what_is_missing(self):
        missing = {k: v for k, v in self.state_dict.items() if k != "head.bias"}
        torch_net = TorchNet()
        torch_net.load_state_dict(missing, strict=False)
        self.assertEqual(torch_net.head.bias.abs().sum().item() > 0, True)  # torch kept its own bias
        with linen_on_numpy(), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            own = init(flax_net(), 0, self.x)["params"]["head"]["bias"]
            variables = init(rt.with_state_dict(flax_net(), missing, strict=False), 0, self.x)
        self.assertTrue(any(issubclass(w.category, rt.CheckpointMismatchWarning) for w in caught))
        np.testing.assert_array_equal(variables["params"]["head"]["bias"], own)
        np.testing.assert_array_equal(variables["params"]["head"]["kernel"], self.state_dict["head.weight"].numpy().T)

    def test_weights_take_the_declared_dtype_as_torchs_copy_does(self):
        double = {k: v.double() if v.is_floating_point() else v for k, v in self.state_dict.items()}
        torch_net = TorchNet()
        torch_net.load_state_dict(double)
        self.assertEqual(torch_net.head.weight.dtype, torch.float32)
        with linen_on_numpy():
            variables = init(rt.with_state_dict(flax_net(), double), 0, self.x)
        self.assertEqual(variables["params"]["head"]["kernel"].dtype, np.float32)
        np.testing.assert_array_equal(variables["params"]["head"]["kernel"], torch_net.head.weight.detach().numpy().T)

    def test_only_a_linen_module_carries_weights(self):
        with linen_on_numpy(), self.assertRaises(TypeError):
            rt.with_state_dict(TorchNet(), self.state_dict)


if __name__ == "__main__":
    unittest.main()
