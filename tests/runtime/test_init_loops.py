"""switcheroo_runtime.torch_init (torch's initialisation loops applied while a model initialises)
against torch 1.13's own loops.

The Flax modules below are what the conversion writes for the torch modules beside them (the
layers in ChannelsFirst, the runtime's BatchNorm, the decorator with the loop's branches), run on
the numpy stand-in of flax.linen (numpy_linen.py, Flax's interceptor order). The initializers are
JAX's, as it documents them (fans from the kernel's axes -2 and -1 times the receptive field), on
numpy. What is compared is what torch guarantees: which initialisation wins (a submodule's loop
runs in its constructor, its parent's loop after, over every layer built so far, however it was
built), the constants exactly, and the standard deviations of the draws, on Flax's layouts.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import math
import unittest

import numpy as np
import torch

from numpy_jax import load_runtime
from numpy_linen import init, linen_on_numpy


def constant(value):
    return lambda key, shape, dtype=np.float32: np.full(shape, value, dtype)


def normal(stddev):
    return lambda key, shape, dtype=np.float32: (key.standard_normal(shape) * stddev).astype(dtype)


def variance_scaling(scale, mode, distribution):
    """jax.nn.initializers.variance_scaling(scale, mode, distribution), in_axis=-2, out_axis=-1."""

    def draw(key, shape, dtype=np.float32):
        receptive = int(np.prod(shape[:-2]))
        fan = {"fan_in": shape[-2] * receptive, "fan_out": shape[-1] * receptive}[mode]
        if distribution == "normal":
            return (key.standard_normal(shape) * math.sqrt(scale / fan)).astype(dtype)
        bound = math.sqrt(3 * scale / fan)
        return key.uniform(-bound, bound, shape).astype(dtype)

    return draw


class TorchBlock(torch.nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = torch.nn.Conv2d(c, c, 3)
        self.bn = torch.nn.BatchNorm2d(c)
        for m in self.modules():
            if isinstance(m, torch.nn.Conv2d):
                torch.nn.init.normal_(m.weight, 0, 0.01)
                torch.nn.init.constant_(m.bias, 3.0)
            elif isinstance(m, torch.nn.BatchNorm2d):
                torch.nn.init.zeros_(m.weight)
                torch.nn.init.constant_(m.bias, 2.0)


class TorchNet(torch.nn.Module):
    def __init__(self, c=64):
        super().__init__()
        self.stem = torch.nn.Conv2d(3, c, 3, bias=False)
        self.blocks = torch.nn.Sequential(*[TorchBlock(c) for _ in range(2)])
        self.norm = torch.nn.GroupNorm(4, c)
        self.fc = torch.nn.Linear(c, 500)
        for m in self.modules():
            if isinstance(m, torch.nn.Conv2d):
                torch.nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                if m.bias is not None:
                    torch.nn.init.zeros_(m.bias)
            elif isinstance(m, (torch.nn.BatchNorm2d, torch.nn.GroupNorm)):
                torch.nn.init.constant_(m.weight, 1)
            elif isinstance(m, torch.nn.Linear):
                torch.nn.init.normal_(m.weight, 0, 0.01)
                torch.nn.init.zeros_(m.bias)


class InitLoopsAreTorchs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_init_loops")

    def converted(self, c=64):
        """What the conversion writes for TorchBlock and TorchNet (submodules as fields here)."""
        rt = self.runtime
        import flax.linen as nn

        class Block(nn.Module):
            conv: nn.Module
            bn: nn.Module

            @rt.torch_init([rt.init_branch("torch.nn.Conv2d", weight=normal(0.01), bias=constant(3.0)),
                            rt.init_branch("torch.nn.BatchNorm2d", weight=nn.initializers.zeros, bias=constant(2.0))])
            def __call__(self, x):
                return self.bn(self.conv(x))

        class Net(nn.Module):
            stem: nn.Module
            blocks: list
            norm: nn.Module
            fc: nn.Module

            @rt.torch_init([rt.init_branch("torch.nn.Conv2d", optional=("bias",), weight=variance_scaling(2.0, "fan_out", "normal"),
                                           bias=nn.initializers.zeros),
                            rt.init_branch("torch.nn.BatchNorm2d", "torch.nn.GroupNorm", weight=constant(1)),
                            rt.init_branch("torch.nn.Linear", weight=normal(0.01), bias=nn.initializers.zeros)])
            def __call__(self, x):
                x = self.stem(x)
                for block in self.blocks:
                    x = block(x)
                x = self.norm(x)
                return self.fc(x.mean(axis=(2, 3)))

        def conv(cin, cout, bias=True):
            return rt.ChannelsFirst(nn.Conv(features=cout, kernel_size=(3, 3), use_bias=bias))

        blocks = [Block(conv=conv(c, c), bn=rt.BatchNorm()) for _ in range(2)]
        return Net(stem=conv(3, c, bias=False), blocks=blocks, norm=rt.ChannelsFirst(nn.GroupNorm(num_groups=4)),
                   fc=nn.Dense(features=500))

    def test_the_outermost_loop_wins_as_in_torch(self):
        torch.manual_seed(0)
        reference = {k: v.detach().numpy() for k, v in TorchNet().state_dict().items()}
        with linen_on_numpy():
            params = init(self.converted(), 0, np.zeros((2, 3, 8, 8), np.float32))["params"]
        kaiming = math.sqrt(2.0 / (64 * 9))
        self.assertNotIn("bias", params["stem"]["layer"])
        for flax, torch_name in ((params["stem"]["layer"]["kernel"], "stem.weight"),
                                 (params["blocks_0"]["conv"]["layer"]["kernel"], "blocks.0.conv.weight"),
                                 (params["blocks_1"]["conv"]["layer"]["kernel"], "blocks.1.conv.weight")):
            self.assertAlmostEqual(float(reference[torch_name].std()), kaiming, delta=kaiming * 0.06)
            self.assertAlmostEqual(float(flax.std()), kaiming, delta=kaiming * 0.06)
        for i in range(2):
            block = params[f"blocks_{i}"]
            np.testing.assert_array_equal(block["conv"]["layer"]["bias"], reference[f"blocks.{i}.conv.bias"])
            np.testing.assert_array_equal(block["bn"]["scale"], reference[f"blocks.{i}.bn.weight"])
            np.testing.assert_array_equal(block["bn"]["bias"], reference[f"blocks.{i}.bn.bias"])
        np.testing.assert_array_equal(params["norm"]["layer"]["scale"], reference["norm.weight"])
        np.testing.assert_array_equal(params["norm"]["layer"]["bias"], reference["norm.bias"])
        self.assertEqual(params["fc"]["kernel"].shape, reference["fc.weight"].T.shape)
        self.assertAlmostEqual(float(params["fc"]["kernel"].std()), float(reference["fc.weight"].std()), delta=0.0005)
        np.testing.assert_array_equal(params["fc"]["bias"], reference["fc.bias"])

    def layer_after(self, branch, layer, x):
        rt = self.runtime
        import flax.linen as nn

        class Holder(nn.Module):
            layer: nn.Module

            @rt.torch_init([branch])
            def __call__(self, x):
                return self.layer(x)

        return init(Holder(layer=layer), 0, x)["params"]["layer"]

    def test_classes_are_told_apart_by_rank(self):
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime
            bn1d = rt.init_branch("torch.nn.BatchNorm1d", weight=constant(5.0))
            self.assertEqual(self.layer_after(bn1d, rt.BatchNorm(), np.ones((4, 3, 2, 2)))["scale"].tolist(), [1, 1, 1])
            self.assertEqual(self.layer_after(bn1d, rt.BatchNorm(), np.arange(12.0).reshape(4, 3))["scale"].tolist(), [5, 5, 5])
            conv1d = rt.init_branch("torch.nn.Conv1d", bias=constant(7.0))
            wrapped = rt.ChannelsFirst(nn.Conv(features=2, kernel_size=(3, 3)))
            self.assertEqual(self.layer_after(conv1d, wrapped, np.ones((1, 4, 5, 5)))["layer"]["bias"].tolist(), [0, 0])
            wrapped = rt.ChannelsFirst(nn.Conv(features=2, kernel_size=(3,)))
            self.assertEqual(self.layer_after(conv1d, wrapped, np.ones((1, 4, 5)))["layer"]["bias"].tolist(), [7, 7])
            transpose = rt.ChannelsFirst(nn.ConvTranspose(features=2, kernel_size=(3, 3)))
            conv2d = rt.init_branch("torch.nn.Conv2d", bias=constant(7.0))
            self.assertEqual(self.layer_after(conv2d, transpose, np.ones((1, 4, 5, 5)))["layer"]["bias"].tolist(), [0, 0])

    def test_instance_norms_are_told_apart_by_rank(self):
        """nn.InstanceNorm2d converts to flax.linen.InstanceNorm(feature_axes=1) on batched (N, C, H, W)
        input; affine=False (torch's default) has no weight, so raft's 'if m.weight is not None:' skips it."""
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime
            branch = rt.init_branch("torch.nn.InstanceNorm2d", optional=("weight", "bias"), weight=constant(5.0), bias=constant(6.0))
            # the stand-in's InstanceNorm takes its features from the last axis
            params = self.layer_after(branch, nn.InstanceNorm(), np.ones((2, 3, 4, 3)))
            self.assertEqual((params["scale"].tolist(), params["bias"].tolist()), ([5, 5, 5], [6, 6, 6]))
            self.assertEqual(self.layer_after(branch, nn.InstanceNorm(), np.ones((2, 4, 3)))["scale"].tolist(), [1, 1, 1])
            scale_only = self.layer_after(branch, nn.InstanceNorm(use_bias=False), np.ones((2, 3, 4, 3)))
            self.assertEqual(list(scale_only), ["scale"])
        self.assertIsNone(torch.nn.InstanceNorm2d(3).weight)
        self.assertEqual(torch.nn.InstanceNorm2d(3, affine=True).weight.tolist(), [1, 1, 1])

    def test_a_missing_parameter_fails_unless_the_loop_tests_it(self):
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime
            guarded = rt.init_branch("torch.nn.Linear", optional=("bias",), bias=constant(1.0))
            self.assertNotIn("bias", self.layer_after(guarded, nn.Dense(features=3, use_bias=False), np.ones((2, 4))))
            unguarded = rt.init_branch("torch.nn.Linear", bias=constant(1.0))
            with self.assertRaises(AttributeError):
                self.layer_after(unguarded, nn.Dense(features=3, use_bias=False), np.ones((2, 4)))
        with self.assertRaises(AttributeError):
            torch.nn.init.constant_(torch.nn.Linear(4, 3, bias=False).bias, 1.0)

    def test_a_flax_layer_no_torch_layer_becomes_is_refused(self):
        with linen_on_numpy():
            import flax.linen as nn

            branch = self.runtime.init_branch("torch.nn.Linear", weight=constant(1.0))
            with self.assertRaises(NotImplementedError):
                self.layer_after(branch, nn.DenseGeneral(features=3), np.ones((2, 4)))
            embedding = self.layer_after(branch, nn.Embed(num_embeddings=5, features=3), np.ones((2,)))
            self.assertNotEqual(embedding["embedding"].tolist(), np.ones((5, 3)).tolist())

    def test_a_loop_under_a_flag_runs_when_the_field_is_true(self):
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime

            class Holder(nn.Module):
                layer: nn.Module
                init_weights: bool = True

                @rt.torch_init([rt.init_branch("torch.nn.Linear", bias=constant(4.0))], when="init_weights")
                def __call__(self, x):
                    return self.layer(x)

            for flag, bias in ((True, [4, 4, 4]), (False, [0, 0, 0])):
                params = init(Holder(layer=nn.Dense(features=3), init_weights=flag), 0, np.ones((2, 4)))["params"]
                self.assertEqual(params["layer"]["bias"].tolist(), bias)

    def test_a_field_of_none_stands_for_the_constructors_default(self):
        """torch: googlenet's 'if init_weights is None: init_weights = True' before 'if init_weights:'."""
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime

            class Holder(nn.Module):
                layer: nn.Module
                init_weights: object = None

                @rt.torch_init([rt.init_branch("torch.nn.Linear", bias=constant(4.0))], when="init_weights", when_none=True)
                def __call__(self, x):
                    return self.layer(x)

            for flag, bias in ((None, [4, 4, 4]), (True, [4, 4, 4]), (False, [0, 0, 0])):
                params = init(Holder(layer=nn.Dense(features=3), init_weights=flag), 0, np.ones((2, 4)))["params"]
                self.assertEqual(params["layer"]["bias"].tolist(), bias)

    def test_nothing_happens_outside_init(self):
        with linen_on_numpy():
            import flax.linen as nn
            import numpy_linen

            rt = self.runtime

            class Holder(nn.Module):
                layer: nn.Module

                @rt.torch_init([rt.init_branch("torch.nn.Linear", weight=constant(1.0))])
                def __call__(self, x):
                    return self.layer(x)

            model = Holder(layer=nn.Dense(features=3))
            variables = {"params": {"layer": {"kernel": np.zeros((4, 3)), "bias": np.zeros(3)}}}
            model._bind(numpy_linen._Binding(variables, False, 0), ())
            model(np.ones((2, 4)))
            self.assertEqual(variables["params"]["layer"]["kernel"].tolist(), np.zeros((4, 3)).tolist())

    def test_a_loop_over_a_submodule_reaches_its_layers_alone(self):
        """torch: for m in self.trunk.modules() initialises the trunk's Linear layers, not the head."""

        class TorchHead(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.trunk = torch.nn.Sequential(torch.nn.Linear(4, 4), torch.nn.ReLU(), torch.nn.Linear(4, 4))
                for m in self.trunk.modules():
                    if isinstance(m, torch.nn.Linear):
                        torch.nn.init.constant_(m.bias, 3.0)
                self.head = torch.nn.Linear(4, 2)

        reference = TorchHead().state_dict()
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime

            class Trunk(nn.Module):
                layers: list

                def __call__(self, x):
                    for layer in self.layers:
                        x = layer(x)
                    return x

            class Head(nn.Module):
                trunk: nn.Module
                head: nn.Module

                @rt.torch_init([rt.init_branch("torch.nn.Linear", bias=constant(3.0))], under="trunk")
                def __call__(self, x):
                    return self.head(self.trunk(x))

            model = Head(trunk=Trunk(layers=[nn.Dense(features=4), nn.Dense(features=4)]), head=nn.Dense(features=2))
            params = init(model, 0, np.ones((2, 4)))["params"]
            for i, torch_index in ((0, 0), (1, 2)):
                np.testing.assert_array_equal(params["trunk"][f"layers_{i}"]["bias"], reference[f"trunk.{torch_index}.bias"].numpy())
            self.assertEqual(params["head"]["bias"].tolist(), [0, 0])
            self.assertFalse((reference["head.bias"].numpy() == 3.0).any())

            class Listed(nn.Module):
                layers: list

                @rt.torch_init([rt.init_branch("torch.nn.Linear", bias=constant(3.0))], under="layers")
                def __call__(self, x):
                    return self.layers[0](x)

            with self.assertRaises(TypeError):
                init(Listed(layers=[nn.Dense(features=4)]), 0, np.ones((2, 4)))

    def test_a_sequential_subclass_takes_the_loop_on_the_call_written_for_it(self):
        """torchvision's FastRCNNConvFCHead: an nn.Sequential subclass built from blocks, whose loop over
        self.modules() follows super().__init__(*blocks); converted, the decorator goes on the __call__ the
        conversion writes (its layers in the list self.layers, named layers_0, layers_1, ...)."""

        class TorchTower(torch.nn.Sequential):
            def __init__(self, c):
                blocks = [torch.nn.Sequential(torch.nn.Conv2d(3, c, 3, padding=1), torch.nn.BatchNorm2d(c), torch.nn.ReLU()),
                          torch.nn.Sequential(torch.nn.Conv2d(c, c, 3, padding=1, bias=False), torch.nn.BatchNorm2d(c)),
                          torch.nn.Flatten(), torch.nn.Linear(c * 16, 10)]
                super().__init__(*blocks)
                for layer in self.modules():
                    if isinstance(layer, torch.nn.Conv2d):
                        torch.nn.init.kaiming_normal_(layer.weight, mode="fan_out", nonlinearity="relu")
                        if layer.bias is not None:
                            torch.nn.init.constant_(layer.bias, 0.25)

        c = 96
        torch.manual_seed(1)
        reference = {k: v.detach().numpy() for k, v in TorchTower(c).state_dict().items()}
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime

            class Tower(nn.Module):
                layers: list

                @rt.torch_init([rt.init_branch("torch.nn.Conv2d", optional=("bias",), weight=variance_scaling(2.0, "fan_out", "normal"),
                                               bias=constant(0.25))])
                def __call__(self, x):
                    for layer in self.layers:
                        x = layer(x)
                    return x

            def conv(cout, bias=True):
                return rt.ChannelsFirst(nn.Conv(features=cout, kernel_size=(3, 3), use_bias=bias))

            tower = Tower(layers=[nn.Sequential(layers=[conv(c), rt.BatchNorm()]), nn.Sequential(layers=[conv(c, bias=False), rt.BatchNorm()]),
                                  lambda x: x.reshape(x.shape[0], -1), nn.Dense(features=10)])
            params = init(tower, 0, np.zeros((2, 3, 4, 4), np.float32))["params"]
        kaiming = math.sqrt(2.0 / (c * 9))
        first, second = params["layers_0"]["layers_0"]["layer"], params["layers_1"]["layers_0"]["layer"]
        for flax, torch_name in ((first["kernel"], "0.0.weight"), (second["kernel"], "1.0.weight")):
            self.assertAlmostEqual(float(reference[torch_name].std()), kaiming, delta=kaiming * 0.05)
            self.assertAlmostEqual(float(flax.std()), kaiming, delta=kaiming * 0.05)
        np.testing.assert_array_equal(first["bias"], reference["0.0.bias"])
        self.assertEqual(first["bias"].tolist(), [0.25] * c)
        self.assertNotIn("bias", second)
        self.assertNotIn("1.0.bias", reference)
        # the Linear is no Conv2d: neither loop touches it (torch's default draw is not all zeros)
        self.assertNotEqual(float(np.abs(reference["3.bias"]).sum()), 0.0)

    def test_a_sequential_subclass_loop_over_its_own_children_reaches_its_items_alone(self):
        """torchvision's KeypointRCNNHeads: for m in self.children() of an nn.Sequential subclass (whose
        list is self.sequence, its constructor taking 'layers'): a Conv2d item, not one inside an item."""

        class TorchUp(torch.nn.Sequential):
            def __init__(self, layers):
                super().__init__(torch.nn.Conv2d(3, layers, 3), torch.nn.ReLU(), torch.nn.Sequential(torch.nn.Conv2d(layers, layers, 1)))
                for m in self.children():
                    if isinstance(m, torch.nn.Conv2d):
                        torch.nn.init.constant_(m.weight, 0.5)
                        torch.nn.init.constant_(m.bias, 0.25)

        reference = TorchUp(4).state_dict()
        self.assertEqual(set(reference["0.weight"].flatten().tolist()), {0.5})
        self.assertNotIn(0.5, reference["2.0.weight"].flatten().tolist())
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime

            class Up(nn.Module):
                sequence: list

                @rt.torch_init([rt.init_branch("torch.nn.Conv2d", weight=constant(0.5), bias=constant(0.25))], children=True)
                def __call__(self, x):
                    for layer in self.sequence:
                        x = layer(x)
                    return x

            def conv(cout, k):
                return rt.ChannelsFirst(nn.Conv(features=cout, kernel_size=(k, k)))

            up = Up(sequence=[conv(4, 3), lambda x: np.maximum(x, 0), nn.Sequential(layers=[conv(4, 1)])])
            params = init(up, 0, np.zeros((1, 3, 5, 5), np.float32))["params"]
        self.assertEqual(set(params["sequence_0"]["layer"]["kernel"].flatten().tolist()), {0.5})
        self.assertEqual(params["sequence_0"]["layer"]["bias"].tolist(), [0.25] * 4)
        inner = params["sequence_2"]["layers_0"]["layer"]
        self.assertNotIn(0.5, inner["kernel"].flatten().tolist())
        self.assertNotIn(0.25, inner["bias"].tolist())

    def test_a_loop_over_a_sequentials_children_reaches_its_own_items(self):
        """torch: for m in self.conv.children() (fcos's heads) initialises the Conv2d items of the
        Sequential, one of them in ChannelsFirst, not a Conv2d inside a module item, nor the head."""

        class TorchInner(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = torch.nn.Conv2d(4, 4, 3)

        class TorchHead(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = torch.nn.Sequential(torch.nn.Conv2d(4, 4, 3), torch.nn.GroupNorm(2, 4), TorchInner(), torch.nn.Conv2d(4, 4, 3))
                for layer in self.conv.children():
                    if isinstance(layer, torch.nn.Conv2d):
                        torch.nn.init.constant_(layer.weight, 0.5)
                        torch.nn.init.constant_(layer.bias, 3.0)
                self.head = torch.nn.Conv2d(4, 2, 1)

        reference = TorchHead().state_dict()
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime

            class Inner(nn.Module):
                conv: nn.Module

                def __call__(self, x):
                    return self.conv(x)

            class Head(nn.Module):
                conv: nn.Module
                head: nn.Module

                @rt.torch_init([rt.init_branch("torch.nn.Conv2d", weight=constant(0.5), bias=constant(3.0))], under="conv", children=True)
                def __call__(self, x):
                    return self.head(self.conv(x))

            def conv(features, size=3):
                return rt.ChannelsFirst(nn.Conv(features=features, kernel_size=(size, size)))

            model = Head(conv=nn.Sequential([conv(4), rt.ChannelsFirst(nn.GroupNorm(num_groups=2)), Inner(conv=conv(4)), nn.Conv(features=4, kernel_size=(3, 3))]),
                         head=conv(2, 1))
            params = init(model, 0, np.ones((2, 4, 8, 8), np.float32))["params"]
            items = params["conv"]
            for flax, torch_index in ((items["layers_0"]["layer"], 0), (items["layers_3"], 3)):
                np.testing.assert_array_equal(flax["bias"], reference[f"conv.{torch_index}.bias"].numpy())
                self.assertTrue((flax["kernel"] == 0.5).all())
            for flax, torch_name in ((items["layers_2"]["conv"]["layer"], "conv.2.conv"), (params["head"]["layer"], "head")):
                self.assertFalse((flax["bias"] == 3.0).any())
                self.assertFalse((reference[f"{torch_name}.bias"].numpy() == 3.0).any())

            class Holder(nn.Module):
                conv: nn.Module

                @rt.torch_init([rt.init_branch("torch.nn.Conv2d", weight=constant(0.5))], under="conv", children=True)
                def __call__(self, x):
                    return self.conv(x)

            with self.assertRaises(TypeError):
                init(Holder(conv=Inner(conv=conv(4))), 0, np.ones((2, 4, 8, 8), np.float32))

    def test_a_branch_on_a_module_class_sets_a_layer_at_its_path(self):
        """torch: resnet's zero_init_residual, 'isinstance(m, Bottleneck) and m.bn3.weight is not None'
        after the loop over the layers; a module branch and a layer branch of one loop (the owner is
        visited first, its layer after, so the layer's branch wins); a layer in ChannelsFirst."""

        class TorchBottle(torch.nn.Module):
            def __init__(self, c, affine=True):
                super().__init__()
                self.proj = torch.nn.Conv2d(c, c, 1)
                self.bn3 = torch.nn.BatchNorm2d(c, affine=affine)

        class TorchZero(torch.nn.Module):
            def __init__(self, c=4):
                super().__init__()
                self.blocks = torch.nn.Sequential(TorchBottle(c), TorchBottle(c, affine=False))
                self.norm = torch.nn.BatchNorm2d(c)
                for m in self.modules():
                    if isinstance(m, TorchBottle):
                        torch.nn.init.constant_(m.proj.bias, 5.0)
                    elif isinstance(m, torch.nn.Conv2d):
                        torch.nn.init.constant_(m.bias, 6.0)
                for m in self.modules():
                    if isinstance(m, TorchBottle):
                        if m.bn3.bias is not None:
                            torch.nn.init.constant_(m.bn3.bias, 5.0)
                    elif isinstance(m, torch.nn.BatchNorm2d) and m.weight is not None:
                        torch.nn.init.constant_(m.weight, 2.0)
                        torch.nn.init.constant_(m.bias, 3.0)
                for m in self.modules():
                    if isinstance(m, TorchBottle) and m.bn3.weight is not None:
                        torch.nn.init.constant_(m.bn3.weight, 0)

        reference = {k: v.numpy() for k, v in TorchZero().state_dict().items()}
        with linen_on_numpy():
            import flax.linen as nn

            rt = self.runtime

            class Bottle(nn.Module):
                proj: nn.Module
                bn3: nn.Module

                def __call__(self, x):
                    return self.bn3(self.proj(x))

            class Zero(nn.Module):
                blocks: list
                norm: nn.Module

                @rt.torch_init([rt.init_branch(Bottle, at="bn3", weight=constant(0), present=("weight",))])
                @rt.torch_init([rt.init_branch(Bottle, at="bn3", bias=constant(5.0), optional=("bias",)),
                                rt.init_branch("torch.nn.BatchNorm2d", weight=constant(2.0), bias=constant(3.0), present=("weight",))])
                @rt.torch_init([rt.init_branch(Bottle, at="proj", bias=constant(5.0)),
                                rt.init_branch("torch.nn.Conv2d", bias=constant(6.0))])
                def __call__(self, x):
                    for block in self.blocks:
                        x = block(x)
                    return self.norm(x)

            def bottle(affine=True):
                return Bottle(proj=rt.ChannelsFirst(nn.Conv(features=4, kernel_size=(1, 1))),
                              bn3=rt.BatchNorm(use_scale=affine, use_bias=affine))

            params = init(Zero(blocks=[bottle(), bottle(affine=False)], norm=rt.BatchNorm()), 0, np.ones((2, 4, 5, 5)))["params"]
            np.testing.assert_array_equal(params["blocks_0"]["bn3"]["scale"], reference["blocks.0.bn3.weight"])
            np.testing.assert_array_equal(params["blocks_0"]["bn3"]["bias"], reference["blocks.0.bn3.bias"])
            self.assertEqual(dict(params["blocks_1"].get("bn3", {})), {})
            self.assertNotIn("blocks.1.bn3.weight", reference)
            np.testing.assert_array_equal(params["norm"]["scale"], reference["norm.weight"])
            np.testing.assert_array_equal(params["norm"]["bias"], reference["norm.bias"])
            for i in range(2):
                np.testing.assert_array_equal(params[f"blocks_{i}"]["proj"]["layer"]["bias"], reference[f"blocks.{i}.proj.bias"])
            self.assertEqual(reference["blocks.0.bn3.bias"].tolist(), [3.0] * 4)
            self.assertEqual(reference["blocks.0.proj.bias"].tolist(), [6.0] * 4)

            class Unguarded(nn.Module):
                block: nn.Module

                @rt.torch_init([rt.init_branch(Bottle, at="bn3", weight=constant(0))])
                def __call__(self, x):
                    return self.block(x)

            with self.assertRaises(AttributeError):
                init(Unguarded(block=bottle(affine=False)), 0, np.ones((2, 4, 5, 5)))


if __name__ == "__main__":
    unittest.main()
