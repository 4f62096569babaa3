"""Tests of switcheroo_runtime.KeyMapper against real torch modules (Debian's python3-torch).

Run from the repository root: /usr/bin/python3 -m unittest discover -s tests/runtime -v

Each test builds the Flax variable tree a converted model declares *from the torch module*, by an
implementation of Switcheroo's conversion rules written here independently of the runtime (it
walks the modules by type; the runtime never sees a type), and checks that KeyMapper places every
torch tensor exactly once, under that name, in that layout.
"""

import inspect
import os
import subprocess
import sys
import tempfile
import types
import unittest
import warnings
from unittest import mock

import numpy as np
import torch
import torchvision
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "src", "Switcheroo.Engine", "Emitting"))
sys.path.insert(0, RUNTIME_DIR)

import switcheroo_runtime  # noqa: E402
from switcheroo_runtime import CheckpointMismatchError, CheckpointMismatchWarning, KeyMapper  # noqa: E402


class ShapeOnly:
    """Stands for jax.ShapeDtypeStruct (what jax.eval_shape returns): a shape and a dtype, no data."""

    def __init__(self, shape, dtype):
        self.shape = tuple(shape)
        self.dtype = dtype


# Torch weight layout -> Flax kernel layout, spelled out per layer type (independent of the runtime).
KERNEL_LAYOUTS = {
    nn.Linear: "oi->io",
    nn.Conv1d: "oil->lio",
    nn.Conv2d: "oihw->hwio",
    nn.Conv3d: "oidhw->dhwio",
    nn.ConvTranspose2d: "iohw->hwoi",
}
WRAPPED = (nn.Conv1d, nn.Conv2d, nn.Conv3d, nn.ConvTranspose2d, nn.GroupNorm)
# the child ChannelsFirst holds its layer in (older outputs: Sequential([moveaxis, layer, moveaxis])'s "layers_1")
WRAPPER_CHILD = "layer"
BATCH_NORMS = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)


def flax_paths(model):
    """Torch module name -> the Flax module path the converted model gives it."""
    paths = {"": ()}
    for name, _ in model.named_modules():
        if not name:
            continue
        parent_name, _, last = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        parent_path = paths[parent_name]
        if isinstance(parent, nn.Sequential) and last.isdigit():
            # a subclass whose constructor takes an argument "layers" (a field) keeps its list in "sequence"
            takes_layers = "layers" in inspect.signature(type(parent).__init__).parameters
            paths[name] = parent_path + (f"{'sequence' if takes_layers else 'layers'}_{last}",)
        elif type(parent) is nn.Sequential:
            # built from an OrderedDict: switcheroo_runtime.NamedSequential keeps its layers in the dict "layers"
            paths[name] = parent_path + (f"layers_{last}",)
        elif type(parent) in (nn.ModuleList, nn.ModuleDict):
            # a container built as a value is a list or dict attribute; a subclass of ModuleDict is a
            # module whose setup sets each layer as the attribute of its name (below)
            paths[name] = parent_path[:-1] + (f"{parent_path[-1]}_{last}",)
        else:
            paths[name] = parent_path + (last,)
    return paths


def expected_conversion(model):
    """Returns (expected, dropped, initialized).

    expected: each torch key -> (flat Flax name, numpy value); dropped: torch keys with no Flax
    counterpart; initialized: flat Flax name -> value of variables Flax declares and torch does not
    store (the statistics of a BatchNorm with track_running_stats=False: Flax's initial 0 and 1).
    """
    state = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    paths = flax_paths(model)
    expected, dropped, initialized = {}, [], {}

    def put(torch_key, collection, path, value):
        assert torch_key in state, torch_key
        expected[torch_key] = ("/".join((collection,) + path), value)

    for name, module in model.named_modules():
        prefix = name + "." if name else ""
        path = paths[name]
        if isinstance(module, WRAPPED):
            path = path + (WRAPPER_CHILD,)
        kind = type(module)
        if kind in KERNEL_LAYOUTS:
            put(prefix + "weight", "params", path + ("kernel",),
                np.einsum(KERNEL_LAYOUTS[kind], state[prefix + "weight"]))
            if module.bias is not None:
                put(prefix + "bias", "params", path + ("bias",), state[prefix + "bias"])
        elif isinstance(module, BATCH_NORMS + (nn.LayerNorm, nn.GroupNorm)):
            if prefix + "weight" in state:
                put(prefix + "weight", "params", path + ("scale",), state[prefix + "weight"])
                put(prefix + "bias", "params", path + ("bias",), state[prefix + "bias"])
            if isinstance(module, BATCH_NORMS) and module.track_running_stats:
                put(prefix + "running_mean", "batch_stats", path + ("mean",), state[prefix + "running_mean"])
                put(prefix + "running_var", "batch_stats", path + ("var",), state[prefix + "running_var"])
                dropped.append(prefix + "num_batches_tracked")
            elif isinstance(module, BATCH_NORMS):
                size = module.num_features
                initialized["/".join(("batch_stats",) + path + ("mean",))] = np.zeros(size, np.float32)
                initialized["/".join(("batch_stats",) + path + ("var",))] = np.ones(size, np.float32)
        elif isinstance(module, nn.Embedding):
            put(prefix + "weight", "params", path + ("embedding",), state[prefix + "weight"])
        else:
            for leaf, _ in module.named_parameters(recurse=False):
                put(prefix + leaf, "params", path + (leaf,), state[prefix + leaf])
            for leaf, _ in module.named_buffers(recurse=False):
                if prefix + leaf in state:  # persistent buffers only
                    put(prefix + leaf, "buffers", path + (leaf,), state[prefix + leaf])
    return expected, dropped, initialized


def target_tree(expected, initialized=None, leaf=lambda value: np.zeros(value.shape, value.dtype)):
    """The declared variable tree (as model.init / jax.eval_shape would give it)."""
    tree = {}
    named = list(expected.values()) + list((initialized or {}).items())
    for flat_name, value in named:
        *parents, last = flat_name.split("/")
        node = tree
        for parent in parents:
            node = node.setdefault(parent, {})
        assert last not in node, flat_name
        node[last] = leaf(value)
    return tree


def randomized(model):
    """Every floating tensor of the state (running statistics included) set to distinct values."""
    generator = torch.Generator().manual_seed(7)
    with torch.no_grad():
        for tensor in model.state_dict().values():
            if tensor.is_floating_point():
                tensor.copy_(torch.randn(tensor.shape, generator=generator))
            elif tensor.dtype == torch.long and tensor.dim() == 0:
                tensor.fill_(3)
    return model


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(channels)
        self.gn = nn.GroupNorm(2, channels)


class Small(nn.Module):
    """One of each layer Switcheroo converts, in each kind of container."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU())
        self.blocks = nn.ModuleList([Block(8), Block(8)])
        self.up = nn.ConvTranspose2d(8, 4, 2, stride=2)
        self.line = nn.Conv1d(4, 6, 5)
        self.volume = nn.Conv3d(2, 3, (1, 2, 3))
        self.embed = nn.Embedding(11, 8)
        self.norm = nn.LayerNorm(8)
        self.heads = nn.ModuleDict({
            "cls": nn.Linear(8, 5),
            "box": nn.Sequential(nn.Linear(8, 7), nn.ReLU(), nn.Linear(7, 4)),
        })
        self.groups = nn.ModuleList([nn.ModuleList([nn.Linear(8, 3), nn.BatchNorm1d(3)])])
        self.batch_only = nn.BatchNorm1d(3, affine=False, track_running_stats=False)
        self.affine_batch_only = nn.BatchNorm2d(4, track_running_stats=False)
        self.scale = nn.Parameter(torch.ones(8))
        self.register_buffer("mask", torch.tril(torch.ones(8, 8)))
        self.register_buffer("scratch", torch.zeros(2), persistent=False)


class MappingTests(unittest.TestCase):
    def check_model(self, model, leaf=None):
        model = randomized(model)
        state = model.state_dict()
        expected, dropped, initialized = expected_conversion(model)
        target = target_tree(expected, initialized) if leaf is None else target_tree(expected, initialized, leaf)

        plan = KeyMapper.plan(state, target)
        self.assertTrue(plan.ok, plan.describe())
        placed = [p.key for p in plan.placements]
        self.assertEqual(len(placed), len(set(placed)), "a torch key placed twice")
        self.assertEqual(sorted(placed + plan.dropped), sorted(state.keys()), "every key placed or dropped")
        self.assertEqual(sorted(plan.dropped), sorted(dropped))
        self.assertTrue(all(k.endswith("num_batches_tracked") for k in plan.dropped))
        self.assertEqual(sorted(plan.initialized), sorted(initialized))

        result = KeyMapper.from_torch(state, target)
        self.assertEqual(sorted(result), sorted(target), "exactly the target's collections")
        flat = KeyMapper.flatten(result)
        self.assertEqual(sorted(flat), sorted([name for name, _ in expected.values()] + list(initialized)),
                         "nothing left over")
        for torch_key, (name, value) in expected.items():
            with self.subTest(torch_key=torch_key, flax=name):
                self.assertEqual(flat[name].shape, value.shape)
                self.assertEqual(flat[name].dtype, value.dtype)
                np.testing.assert_array_equal(flat[name], value)
        for name, value in initialized.items():
            with self.subTest(initialized=name):
                self.assertEqual(flat[name].dtype, np.float32)
                np.testing.assert_array_equal(flat[name], value)
        self.assertFalse(any("num_batches_tracked" in name for name in flat))
        return state, expected, result

    def check_names(self, cases):
        """check_model on each model, and the Flax names of some torch keys spelled out."""
        for model, spelled in cases.items():
            with self.subTest(model=type(model).__name__):
                _, expected, _ = self.check_model(model)
                names = {torch_key: name for torch_key, (name, _) in expected.items()}
                for torch_key, name in spelled.items():
                    self.assertEqual(names[torch_key], name)

    def test_resnet18(self):
        model = torchvision.models.resnet18()
        state, expected, result = self.check_model(model)
        self.assertEqual(sorted(result), ["batch_stats", "params"])
        # a few names spelled out, as the converted ResNet declares them
        names = {torch_key: name for torch_key, (name, _) in expected.items()}
        self.assertEqual(names["conv1.weight"], "params/conv1/layer/kernel")
        self.assertEqual(names["layer1.0.conv1.weight"], "params/layer1/layers_0/conv1/layer/kernel")
        self.assertEqual(names["layer2.0.downsample.0.weight"], "params/layer2/layers_0/downsample/layers_0/layer/kernel")
        self.assertEqual(names["layer2.0.downsample.1.running_var"], "batch_stats/layer2/layers_0/downsample/layers_1/var")
        self.assertEqual(names["bn1.weight"], "params/bn1/scale")
        self.assertEqual(names["fc.weight"], "params/fc/kernel")
        self.assertEqual(result["params"]["fc"]["kernel"].shape, (512, 1000))
        self.assertEqual(result["params"]["conv1"]["layer"]["kernel"].shape, (7, 7, 3, 64))

    def test_small_model_with_every_converted_layer_and_container(self):
        state, expected, result = self.check_model(Small())
        self.assertEqual(sorted(result), ["batch_stats", "buffers", "params"])
        names = {torch_key: name for torch_key, (name, _) in expected.items()}
        spelled = {
            "stem.0.weight": "params/stem/layers_0/layer/kernel",
            "stem.1.running_mean": "batch_stats/stem/layers_1/mean",
            "blocks.1.conv.weight": "params/blocks_1/conv/layer/kernel",
            "blocks.0.gn.weight": "params/blocks_0/gn/layer/scale",
            "up.weight": "params/up/layer/kernel",
            "line.weight": "params/line/layer/kernel",
            "embed.weight": "params/embed/embedding",
            "norm.weight": "params/norm/scale",
            "heads.cls.weight": "params/heads_cls/kernel",
            "heads.box.2.bias": "params/heads_box/layers_2/bias",
            "groups.0.0.weight": "params/groups_0_0/kernel",
            "groups.0.1.running_var": "batch_stats/groups_0_1/var",
            "scale": "params/scale",
            "mask": "buffers/mask",
            "affine_batch_only.weight": "params/affine_batch_only/scale",
        }
        for torch_key, name in spelled.items():
            self.assertEqual(names[torch_key], name)
        self.assertNotIn("scratch", KeyMapper.flatten(result["buffers"]))
        self.assertEqual(result["params"]["up"]["layer"]["kernel"].shape, (2, 2, 4, 8))
        self.assertEqual(result["params"]["line"]["layer"]["kernel"].shape, (5, 4, 6))
        self.assertEqual(result["params"]["volume"]["layer"]["kernel"].shape, (1, 2, 3, 2, 3))
        self.assertEqual(result["params"]["heads_cls"]["kernel"].shape, (8, 5))

    def test_sequential_subclasses(self):
        # A class that subclasses nn.Sequential converts to a module whose setup keeps its layers in
        # self.layers (layers_0, layers_1, ... at its own level); layers it registers as attributes
        # keep their names. torchvision's own classes, alone and inside a model.
        from torchvision.models.densenet import _Transition
        from torchvision.models.segmentation.deeplabv3 import ASPPPooling, DeepLabHead
        from torchvision.models.segmentation.fcn import FCNHead

        cases = {
            FCNHead(16, 3): {"0.weight": "params/layers_0/layer/kernel", "1.running_var": "batch_stats/layers_1/var",
                             "4.bias": "params/layers_4/layer/bias"},
            ASPPPooling(8, 4): {"1.weight": "params/layers_1/layer/kernel", "2.running_mean": "batch_stats/layers_2/mean"},
            _Transition(8, 4): {"norm.weight": "params/norm/scale", "conv.weight": "params/conv/layer/kernel"},
            DeepLabHead(8, 3): {"0.convs.4.1.weight": "params/layers_0/convs_4/layers_1/layer/kernel",
                                "0.convs.1.1.running_var": "batch_stats/layers_0/convs_1/layers_1/var",
                                "4.bias": "params/layers_4/layer/bias"},
        }
        self.check_names(cases)

    def test_sequential_subclasses_taking_layers(self):
        # MaskRCNNHeads(in_channels, layers, dilation) and KeypointRCNNHeads(in_channels, layers):
        # 'layers' is a field, so the converted list is self.sequence (sequence_0, ...). Checked on the
        # heads of torchvision's real models, whose state_dict keys are the model's under the head's prefix.
        from torchvision.models.detection import keypointrcnn_resnet50_fpn, maskrcnn_resnet50_fpn

        masks = maskrcnn_resnet50_fpn(weights=None, weights_backbone=None)
        keypoints = keypointrcnn_resnet50_fpn(weights=None, weights_backbone=None)
        for model, head, prefix in ((masks, masks.roi_heads.mask_head, "roi_heads.mask_head."),
                                    (keypoints, keypoints.roi_heads.keypoint_head, "roi_heads.keypoint_head.")):
            self.assertEqual(sorted(prefix + k for k in head.state_dict()), sorted(k for k in model.state_dict() if k.startswith(prefix)))
        self.check_names({
            masks.roi_heads.mask_head: {"0.0.weight": "params/sequence_0/layers_0/layer/kernel",
                                        "3.0.bias": "params/sequence_3/layers_0/layer/bias"},
            keypoints.roi_heads.keypoint_head: {"0.weight": "params/sequence_0/layer/kernel",
                                                "14.bias": "params/sequence_14/layer/bias"},
        })

    def test_named_containers(self):
        # A container subclass that names its layers (nn.Sequential given an OrderedDict, layers added
        # with self.add_module, a nn.ModuleDict subclass) converts to a module whose setup sets each
        # layer as the attribute of its name (switcheroo_runtime.add_layers / add_layer), so Flax's
        # path is torch's name: torchvision's own classes, alone.
        from torchvision.models.densenet import _DenseBlock
        from torchvision.models.detection.mask_rcnn import MaskRCNNPredictor
        from torchvision.models.regnet import AnyStage, BottleneckTransform, ResBottleneckBlock

        cases = {
            _DenseBlock(2, 8, 2, 4, 0.0): {"denselayer1.conv1.weight": "params/denselayer1/conv1/layer/kernel",
                                           "denselayer2.norm2.running_var": "batch_stats/denselayer2/norm2/var"},
            MaskRCNNPredictor(8, 4, 3): {"conv5_mask.weight": "params/conv5_mask/layer/kernel",
                                         "mask_fcn_logits.bias": "params/mask_fcn_logits/layer/bias"},
            BottleneckTransform(8, 16, 1, nn.BatchNorm2d, nn.ReLU, 4, 1.0, 0.25): {
                "a.0.weight": "params/a/layers_0/layer/kernel", "se.fc1.weight": "params/se/fc1/layer/kernel",
                "c.1.running_mean": "batch_stats/c/layers_1/mean"},
            AnyStage(8, 16, 2, 2, ResBottleneckBlock, nn.BatchNorm2d, nn.ReLU, 4, 1.0, None, 3): {
                "block3-0.proj.0.weight": "params/block3-0/proj/layers_0/layer/kernel",
                "block3-1.f.b.1.weight": "params/block3-1/f/b/layers_1/scale"},
        }
        self.check_names(cases)

    def test_sequentials_of_named_layers(self):
        # nn.Sequential(OrderedDict(...)) as a value is switcheroo_runtime.named_sequential: a NamedSequential
        # whose layer NAME is Flax's child layers_NAME; densenet's features (extended by add_module in the
        # constructor, gathered in a local OrderedDict first) holds named blocks of named layers.
        from torchvision.models.densenet import DenseNet

        _, expected, _ = self.check_model(DenseNet(growth_rate=8, block_config=(2, 2), num_init_features=8, num_classes=5))
        names = {torch_key: name for torch_key, (name, _) in expected.items()}
        self.assertEqual(names["features.conv0.weight"], "params/features/layers_conv0/layer/kernel")
        self.assertEqual(names["features.denseblock2.denselayer1.conv2.weight"],
                         "params/features/layers_denseblock2/denselayer1/conv2/layer/kernel")
        self.assertEqual(names["features.transition1.norm.running_var"], "batch_stats/features/layers_transition1/norm/var")
        self.assertEqual(names["features.norm5.weight"], "params/features/layers_norm5/scale")

    def test_subclasses_of_module_classes(self):
        # A converted subclass of a converted module class builds its base's layers in super().setup()
        # under the base's attribute names, then its own: one module whose variables are both, as
        # torch's state_dict has them (docs/maps.md, "Subclasses of module classes").
        class Encoder(nn.Module):
            def __init__(self, width, depth=2):
                super().__init__()
                self.stem = nn.Linear(width, width)
                self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
                self.bn = nn.BatchNorm1d(width)

        class HeadedEncoder(Encoder):
            def __init__(self, width, depth=2, classes=10):
                super().__init__(width, depth=depth)
                self.head = nn.Linear(width, classes)

        class DeeperEncoder(HeadedEncoder):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.norm = nn.LayerNorm(10)

        _, expected, result = self.check_model(DeeperEncoder(8, depth=3, classes=10))
        names = {torch_key: name for torch_key, (name, _) in expected.items()}
        spelled = {
            "stem.weight": "params/stem/kernel",
            "blocks.2.bias": "params/blocks_2/bias",
            "bn.running_mean": "batch_stats/bn/mean",
            "head.weight": "params/head/kernel",
            "norm.weight": "params/norm/scale",
        }
        for torch_key, name in spelled.items():
            self.assertEqual(names[torch_key], name)
        self.assertEqual(result["params"]["head"]["kernel"].shape, (8, 10))

    def test_shape_only_target_as_from_eval_shape(self):
        leaf = lambda value: ShapeOnly(value.shape, value.dtype)  # noqa: E731
        model = Small()
        self.check_model(model, leaf)
        expected, _, initialized = expected_conversion(model)
        proxy = types.MappingProxyType(target_tree(expected, initialized, leaf))
        result = KeyMapper.from_torch(model.state_dict(), proxy)
        self.assertEqual(sorted(result), ["batch_stats", "buffers", "params"])

    def test_older_sequential_layout_wrappers_still_load(self):
        # outputs converted before ChannelsFirst wrapped a Conv in Sequential([moveaxis, Conv, moveaxis])
        model = randomized(Small())
        expected, _, initialized = expected_conversion(model)
        older = {key: (name.replace("/" + WRAPPER_CHILD + "/", "/layers_1/"), value) for key, (name, value) in expected.items()}
        result = KeyMapper.flatten(KeyMapper.from_torch(model.state_dict(), target_tree(older, initialized)))
        for key, (name, value) in older.items():
            np.testing.assert_array_equal(result[name], value, err_msg=key)
        self.assertIn("params/stem/layers_0/layers_1/kernel", result)

    def test_numpy_state_dict_maps_like_tensors(self):
        model = randomized(Small())
        expected, _, initialized = expected_conversion(model)
        target = target_tree(expected, initialized)
        from_tensors = KeyMapper.flatten(KeyMapper.from_torch(model.state_dict(), target))
        arrays = {k: v.numpy() for k, v in model.state_dict().items()}
        from_arrays = KeyMapper.flatten(KeyMapper.from_torch(arrays, target))
        self.assertEqual(sorted(from_tensors), sorted(from_arrays))
        for name in from_tensors:
            np.testing.assert_array_equal(from_tensors[name], from_arrays[name])

    def test_results_are_copies(self):
        model = randomized(nn.Sequential(nn.Linear(4, 3)))
        target = {"params": {"layers_0": {"kernel": np.zeros((4, 3), np.float32), "bias": np.zeros(3, np.float32)}}}
        result = KeyMapper.from_torch(model.state_dict(), target)
        before = result["params"]["layers_0"]["bias"].copy()
        with torch.no_grad():
            model[0].bias.add_(1.0)
        np.testing.assert_array_equal(result["params"]["layers_0"]["bias"], before)
        self.assertTrue(result["params"]["layers_0"]["kernel"].flags["C_CONTIGUOUS"])

    def test_bfloat16_becomes_float32(self):
        state = {"fc.weight": torch.ones(3, 2, dtype=torch.bfloat16)}
        target = {"params": {"fc": {"kernel": np.zeros((2, 3), np.float32)}}}
        kernel = KeyMapper.from_torch(state, target)["params"]["fc"]["kernel"]
        self.assertEqual(kernel.dtype, np.float32)
        np.testing.assert_array_equal(kernel, np.ones((2, 3)))


class StrictnessTests(unittest.TestCase):
    def broken(self):
        """Small's state with an extra key, a missing key and a wrong shape; and its target."""
        model = randomized(Small())
        expected, _, initialized = expected_conversion(model)
        target = target_tree(expected, initialized)
        state = dict(model.state_dict())
        state["bogus.weight"] = torch.zeros(2, 2)
        state["norm.extra"] = torch.zeros(8)
        del state["norm.bias"]
        state["heads.cls.weight"] = torch.zeros(5, 9)
        return state, target

    def test_strict_lists_every_problem_in_one_error(self):
        state, target = self.broken()
        with self.assertRaises(CheckpointMismatchError) as caught:
            KeyMapper.from_torch(state, target)
        error = caught.exception
        self.assertIsInstance(error, KeyError)
        self.assertIsInstance(error, ValueError)
        message = str(error)
        for fragment in ("bogus.weight", "no module 'bogus'", "norm.extra", "params/norm/bias",
                         "heads.cls.weight", "(9, 5)", "params/heads_cls/kernel", "(8, 5)"):
            self.assertIn(fragment, message)
        self.assertEqual(len(error.unknown), 2)
        self.assertEqual(error.missing, ["params/norm/bias"])
        self.assertEqual(len(error.mismatched), 1)
        self.assertTrue(error.mismatched[0].startswith("heads.cls.weight:"))

    def test_partial_running_statistics_are_missing_not_initialized(self):
        state, target = self.broken()
        for key in ("norm.extra", "bogus.weight"):
            del state[key]
        state["norm.bias"] = torch.zeros(8)
        state["heads.cls.weight"] = torch.zeros(5, 8)
        del state["blocks.0.bn.running_var"]
        with self.assertRaises(CheckpointMismatchError) as caught:
            KeyMapper.from_torch(state, target)
        self.assertEqual(caught.exception.missing, ["batch_stats/blocks_0/bn/var"])
        self.assertEqual(caught.exception.unknown, [])

    def test_wrongly_oriented_target_is_a_shape_error(self):
        state = {"fc.weight": np.zeros((3, 2), np.float32)}
        target = {"params": {"fc": {"kernel": np.zeros((3, 2), np.float32)}}}
        with self.assertRaises(ValueError) as caught:
            KeyMapper.from_torch(state, target)
        self.assertIn("as kernel (2, 3)", str(caught.exception))
        self.assertIn("params/fc/kernel with (3, 2)", str(caught.exception))

    def test_non_strict_warns_and_returns_what_mapped(self):
        state, target = self.broken()
        shapes = KeyMapper.unflatten({name: ShapeOnly(a.shape, a.dtype) for name, a in KeyMapper.flatten(target).items()})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # Declared shapes only (jax.eval_shape's): nothing to fill the gaps with.
            result = KeyMapper.from_torch(state, shapes, strict=False)
        relevant = [w for w in caught if issubclass(w.category, CheckpointMismatchWarning)]
        self.assertEqual(len(relevant), 1)
        text = str(relevant[0].message)
        for fragment in ("bogus.weight", "norm.extra", "params/norm/bias", "heads.cls.weight"):
            self.assertIn(fragment, text)
        flat = KeyMapper.flatten(result)
        self.assertNotIn("params/heads_cls/kernel", flat)
        self.assertNotIn("params/norm/bias", flat)
        self.assertIn("params/norm/scale", flat)
        self.assertIn("params/heads_cls/bias", flat)
        self.assertIn("batch_stats/stem/layers_1/mean", flat)

    def test_non_strict_keeps_the_targets_own_values_for_what_is_missing(self):
        # As torch's load_state_dict(strict=False): a target of arrays (model.init's) fills the gaps.
        state = {"fc.weight": np.ones((3, 2), np.float32)}
        target = {"params": {"fc": {"kernel": np.zeros((2, 3), np.float32), "bias": np.full(3, 7.0, np.float32)}}}
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            result = KeyMapper.from_torch(state, target, strict=False)
        np.testing.assert_array_equal(result["params"]["fc"]["kernel"], np.ones((2, 3), np.float32))
        np.testing.assert_array_equal(result["params"]["fc"]["bias"], np.full(3, 7.0, np.float32))
        self.assertIsNot(result["params"]["fc"]["bias"], target["params"]["fc"]["bias"])
        shapes = {"params": {"fc": {"kernel": ShapeOnly((2, 3), np.float32), "bias": ShapeOnly((3,), np.float32)}}}
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            self.assertNotIn("bias", KeyMapper.from_torch(state, shapes, strict=False)["params"]["fc"])

    def test_target_must_be_a_variable_tree(self):
        with self.assertRaises(TypeError):
            KeyMapper.from_torch({}, np.zeros(3))
        with self.assertRaises(TypeError):
            KeyMapper.from_torch({}, {"params": np.zeros(3)})


class FileAndJaxTests(unittest.TestCase):
    def mapped_small(self):
        model = randomized(Small())
        expected, _, initialized = expected_conversion(model)
        return KeyMapper.from_torch(model.state_dict(), target_tree(expected, initialized))

    def test_npz_round_trip_preserves_everything(self):
        tree = self.mapped_small()
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "small.weights")
            KeyMapper.save(path, tree)
            self.assertEqual(os.listdir(folder), ["small.weights"], "written exactly at the path given")
            loaded = KeyMapper.load(path)
            with np.load(path, allow_pickle=False) as archive:
                self.assertIn("params/stem/layers_0/layer/kernel", archive.files)
                self.assertIn("batch_stats/blocks_0/bn/mean", archive.files)
                self.assertIn("buffers/mask", archive.files)
        original, restored = KeyMapper.flatten(tree), KeyMapper.flatten(loaded)
        self.assertEqual(sorted(original), sorted(restored))
        for name, value in original.items():
            self.assertEqual(restored[name].dtype, value.dtype)
            np.testing.assert_array_equal(restored[name], value)
        self.assertEqual(sorted(loaded), sorted(tree))
        self.assertEqual(sorted(loaded["params"]), sorted(tree["params"]))

    def test_to_jax_imports_jax_numpy_on_demand(self):
        tree = {"params": {"fc": {"kernel": np.ones((2, 3), np.float32)}}, "buffers": {"m": np.zeros(2)}}
        try:
            import jax.numpy  # noqa: F401
            real = True
        except ImportError:
            real = False
        if real:
            converted = KeyMapper.to_jax(tree)
            self.assertEqual(converted["params"]["fc"]["kernel"].shape, (2, 3))
            return
        calls = []
        fake_numpy = types.ModuleType("jax.numpy")
        fake_numpy.asarray = lambda value: calls.append(value) or ("jax", value.shape)
        fake_jax = types.ModuleType("jax")
        fake_jax.numpy = fake_numpy
        with mock.patch.dict(sys.modules, {"jax": fake_jax, "jax.numpy": fake_numpy}):
            converted = KeyMapper.to_jax(tree)
        self.assertEqual(converted, {"params": {"fc": {"kernel": ("jax", (2, 3))}}, "buffers": {"m": ("jax", (2,))}})
        self.assertEqual(len(calls), 2)

    def test_flat_names_cannot_contain_the_separator(self):
        with self.assertRaises(ValueError):
            KeyMapper.flatten({"params": {"a/b": np.zeros(1)}})


class ImportTests(unittest.TestCase):
    def test_importing_the_runtime_imports_neither_jax_nor_torch(self):
        script = (
            "import sys; sys.path.insert(0, sys.argv[1]); import switcheroo_runtime; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jax', 'jaxlib', 'flax', 'torch')))"
        )
        output = subprocess.run([sys.executable, "-c", script, RUNTIME_DIR],
                                check=True, capture_output=True, text=True).stdout.strip()
        self.assertEqual(output, "[]")

    def test_runtime_is_the_file_beside_the_engine(self):
        self.assertEqual(os.path.dirname(os.path.abspath(switcheroo_runtime.__file__)), RUNTIME_DIR)


if __name__ == "__main__":
    unittest.main()
