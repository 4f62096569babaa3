"""Tests of switcheroo_runtime.load_checkpoint (torch.save files read without torch) and of
KeyMapper.from_torch given an already converted Flax variable tree.

Run from the repository root: /usr/bin/python3 -m unittest discover -s tests/runtime -v

Every checkpoint here is written by the real torch.save (Debian's python3-torch); what the reader
returns is compared with the tensors' own ``.numpy()`` values.
"""

import collections
import os
import subprocess
import sys
import tempfile
import types
import unittest
import warnings
import zipfile

import numpy as np
import torch
import torchvision
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "src", "Switcheroo.Engine", "Emitting"))
sys.path.insert(0, RUNTIME_DIR)

from switcheroo_runtime import (  # noqa: E402
    CheckpointFormatError, CheckpointMismatchError, CheckpointMismatchWarning, KeyMapper, load_checkpoint,
)


class Tiny(nn.Module):
    """A model class of this file: pickled whole, it is a global the reader must refuse."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc(x)


class ShapeOnly:
    """Stands for jax.ShapeDtypeStruct (what jax.eval_shape returns): a shape and a dtype, no data."""

    def __init__(self, shape, dtype):
        self.shape = tuple(shape)
        self.dtype = dtype


class TempFiles(unittest.TestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = folder.name

    def path(self, name):
        return os.path.join(self.folder, name)

    def saved(self, obj, name="checkpoint.pt", **options):
        """Writes ``obj`` with the real torch.save; returns the path."""
        path = self.path(name)
        torch.save(obj, path, **options)
        return path

    def round_trip(self, obj, **options):
        return load_checkpoint(self.saved(obj, **options))

    def assertSameArray(self, actual, expected):
        self.assertIsInstance(actual, np.ndarray)
        self.assertEqual(actual.dtype, expected.dtype)
        self.assertEqual(actual.shape, expected.shape)
        self.assertTrue(np.array_equal(actual, expected), f"{actual} != {expected}")


class TorchZipTests(TempFiles):
    def test_resnet18_state_dict(self):
        model = torchvision.models.resnet18()
        with torch.no_grad():
            for name, buffer in model.named_buffers():
                if name.endswith("running_mean") or name.endswith("running_var"):
                    buffer.add_(torch.rand_like(buffer))
                elif name.endswith("num_batches_tracked"):
                    buffer.fill_(7)
        state = model.state_dict()
        loaded = load_checkpoint(self.saved(state))
        self.assertIsInstance(loaded, collections.OrderedDict)
        self.assertEqual(list(loaded.keys()), list(state.keys()), "same keys, same order")
        for key, tensor in state.items():
            with self.subTest(key=key):
                self.assertSameArray(loaded[key], tensor.numpy())
                self.assertTrue(loaded[key].flags["C_CONTIGUOUS"])
        self.assertEqual(loaded["bn1.num_batches_tracked"].dtype, np.int64)
        self.assertEqual(loaded["bn1.num_batches_tracked"].shape, ())
        self.assertEqual(int(loaded["bn1.num_batches_tracked"]), 7)
        self.assertEqual(loaded["fc.weight"].shape, (1000, 512))

    def test_strided_offset_and_shared_storage_tensors(self):
        base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
        views = {
            "base": base,
            "transposed": base.t(),
            "slice": base[1:],
            "column": base[:, 2],
            "every_other": base[::2, 1::3],
            "element": base[2, 3],
            "reshaped": base.view(6, 4),
            "empty": base[4:],
        }
        self.assertEqual(views["slice"].storage_offset(), 6, "the slice really is stored with an offset")
        self.assertFalse(views["transposed"].is_contiguous())
        loaded = self.round_trip(views)
        for key, tensor in views.items():
            with self.subTest(key=key):
                self.assertSameArray(loaded[key], tensor.numpy())
                self.assertTrue(loaded[key].flags["C_CONTIGUOUS"])
                self.assertTrue(loaded[key].flags["WRITEABLE"])
        loaded["base"][0, 0] = -1.0
        self.assertEqual(loaded["transposed"][0, 0], 0.0, "tensors sharing a storage become independent arrays")

    def test_two_tensors_sharing_one_storage_at_different_offsets(self):
        storage_owner = torch.randn(10)
        state = {"head": storage_owner[:4], "tail": storage_owner[4:].view(3, 2)}
        loaded = self.round_trip(state)
        self.assertSameArray(loaded["head"], storage_owner[:4].numpy())
        self.assertSameArray(loaded["tail"], storage_owner[4:].view(3, 2).numpy())

    def test_every_dtype(self):
        generator = torch.Generator().manual_seed(0)
        floats = torch.randn(3, 4, generator=generator)
        tensors = {
            "float32": floats,
            "float64": floats.double(),
            "float16": floats.half(),
            "int64": torch.arange(-5, 7),
            "int32": torch.arange(-5, 7, dtype=torch.int32),
            "int16": torch.arange(-5, 7, dtype=torch.int16),
            "int8": torch.tensor([-128, -1, 0, 1, 127], dtype=torch.int8),
            "uint8": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
            "bool": torch.tensor([[True, False], [False, True]]),
            "complex64": torch.complex(floats, -floats),
            "complex128": torch.complex(floats.double(), floats.double() * 2),
        }
        loaded = self.round_trip(tensors)
        for key, tensor in tensors.items():
            with self.subTest(dtype=key):
                self.assertSameArray(loaded[key], tensor.numpy())
        self.assertEqual(loaded["float16"].dtype, np.float16)
        self.assertEqual(loaded["int8"].dtype, np.int8)
        self.assertEqual(loaded["complex64"].dtype, np.complex64)

    def test_bfloat16_becomes_float32_exactly(self):
        values = torch.randn(5, 7, generator=torch.Generator().manual_seed(1)) * 1000
        bf16 = values.to(torch.bfloat16)
        special = torch.tensor([0.0, -0.0, float("inf"), -float("inf"), 1e-40, 3.0e38], dtype=torch.bfloat16)
        loaded = self.round_trip({"w": bf16, "t": bf16.t(), "special": special})
        self.assertSameArray(loaded["w"], bf16.float().numpy())
        self.assertSameArray(loaded["t"], bf16.t().float().numpy())
        self.assertSameArray(loaded["special"], special.float().numpy())
        self.assertTrue(np.signbit(loaded["special"][1]), "-0.0 keeps its sign")

    def test_nested_containers_and_plain_values(self):
        a, b, c = torch.randn(2, 3), torch.arange(4), torch.ones(2, dtype=torch.bool)
        obj = {
            "model": collections.OrderedDict([("w", a)]),
            "list": [a, 3, 2.5, "text", None, [b]],
            "tuple": (b, True, -7),
            "dict": {"inner": {"c": c}, 1: "integer key"},
            "parameter": nn.Parameter(a.clone()),
            "epoch": 12,
            "lr": 1e-3,
            "name": "resnet",
            "set": {1, 2},
            "bytes": b"\x00\xffab",
            "complex": 1 + 2j,
        }
        loaded = self.round_trip(obj)
        self.assertEqual(sorted(map(str, loaded)), sorted(map(str, obj)))
        self.assertIsInstance(loaded["model"], collections.OrderedDict)
        self.assertSameArray(loaded["model"]["w"], a.numpy())
        self.assertIsInstance(loaded["list"], list)
        self.assertSameArray(loaded["list"][0], a.numpy())
        self.assertEqual(loaded["list"][1:5], [3, 2.5, "text", None])
        self.assertSameArray(loaded["list"][5][0], b.numpy())
        self.assertIsInstance(loaded["tuple"], tuple)
        self.assertSameArray(loaded["tuple"][0], b.numpy())
        self.assertEqual(loaded["tuple"][1:], (True, -7))
        self.assertSameArray(loaded["dict"]["inner"]["c"], c.numpy())
        self.assertEqual(loaded["dict"][1], "integer key")
        self.assertSameArray(loaded["parameter"], a.numpy())
        self.assertEqual((loaded["epoch"], loaded["lr"], loaded["name"]), (12, 1e-3, "resnet"))
        self.assertEqual(loaded["set"], {1, 2})
        self.assertEqual(loaded["bytes"], b"\x00\xffab")
        self.assertEqual(loaded["complex"], 1 + 2j)

    def test_training_checkpoint_with_optimizer_state_dict(self):
        model = Tiny()
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
        model(torch.randn(4, 3)).sum().backward()
        optimizer.step()
        saved = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": 1}
        loaded = self.round_trip(saved)
        self.assertSameArray(loaded["model"]["fc.weight"], model.fc.weight.detach().numpy())
        moments = saved["optimizer"]["state"][0]["exp_avg"]
        self.assertSameArray(loaded["optimizer"]["state"][0]["exp_avg"], moments.numpy())
        self.assertEqual(loaded["optimizer"]["param_groups"][0]["lr"], 0.01)

    def test_big_endian_archive(self):
        """A byteorder file of 'big' (as torch writes on big-endian machines) is honoured."""
        tensors = {"f": torch.randn(3, 2), "i": torch.arange(5), "h": torch.randn(4).half(),
                   "bf": torch.randn(3).to(torch.bfloat16)}
        # each storage file holds exactly its tensor's bytes: tell the element size by the content
        itemsizes = {t.view(torch.uint8).numpy().tobytes(): t.element_size() for t in tensors.values()}
        little, big = self.saved(tensors), self.path("big.pt")
        with zipfile.ZipFile(little) as source, zipfile.ZipFile(big, "w") as target:
            prefix = source.namelist()[0].split("/")[0]
            for info in source.infolist():
                data = source.read(info)
                if info.filename.startswith(f"{prefix}/data/"):
                    size = itemsizes[data]
                    data = np.frombuffer(data, f"<u{size}").astype(f">u{size}").tobytes()
                if info.filename != f"{prefix}/byteorder":
                    target.writestr(info, data)
            target.writestr(f"{prefix}/byteorder", "big")
        loaded = load_checkpoint(big)
        for key, tensor in tensors.items():
            with self.subTest(key=key):
                expected = tensor.float().numpy() if key == "bf" else tensor.numpy()
                self.assertSameArray(loaded[key], expected)
                self.assertTrue(loaded[key].dtype.isnative)

    def test_format_is_told_by_content_not_extension(self):
        tensors = {"w": torch.randn(2, 2)}
        loaded = load_checkpoint(self.saved(tensors, name="weights.npz"))
        self.assertSameArray(loaded["w"], tensors["w"].numpy())
        tree = {"params": {"fc": {"kernel": np.ones((2, 3), np.float32)}}}
        path = self.path("weights.pt")
        KeyMapper.save(path, tree)
        self.assertSameArray(load_checkpoint(path)["params"]["fc"]["kernel"], tree["params"]["fc"]["kernel"])

    def test_a_bare_tensor(self):
        tensor = torch.randn(3, 3).t()
        self.assertSameArray(self.round_trip(tensor), tensor.numpy())


class RefusedFileTests(TempFiles):
    def test_whole_module_names_the_class_it_needs(self):
        with self.assertRaises(CheckpointFormatError) as caught:
            self.round_trip(Tiny())
        message = str(caught.exception)
        self.assertIsInstance(caught.exception, ValueError)
        self.assertIn("Tiny", message)
        self.assertIn("torch.save(model.state_dict(), path)", message)
        self.assertIn("without torch", message)

    def test_library_module_and_optimizer_objects(self):
        with self.assertRaises(CheckpointFormatError) as caught:
            self.round_trip({"model": nn.Linear(2, 2)})
        self.assertIn("torch.nn.modules.linear.Linear", str(caught.exception))
        optimizer = torch.optim.SGD(Tiny().parameters(), lr=0.1)
        with self.assertRaises(CheckpointFormatError) as caught:
            self.round_trip({"optimizer": optimizer})
        self.assertIn("SGD", str(caught.exception))

    def test_other_torch_objects_are_refused_too(self):
        with self.assertRaises(CheckpointFormatError) as caught:
            self.round_trip({"shape": torch.Size([2, 3]), "device": torch.device("cpu")})
        self.assertIn("torch.", str(caught.exception))

    def test_legacy_format(self):
        for protocol in (2, 4):
            with self.subTest(protocol=protocol):
                path = self.saved({"w": torch.ones(2)}, name=f"legacy{protocol}.pt",
                                  _use_new_zipfile_serialization=False, pickle_protocol=protocol)
                self.assertFalse(zipfile.is_zipfile(path))
                with self.assertRaises(CheckpointFormatError) as caught:
                    load_checkpoint(path)
                message = str(caught.exception)
                self.assertIn("legacy", message)
                self.assertIn("torch.save(torch.load(path), new_path)", message)

    def test_torchscript_archive(self):
        path = self.path("scripted.pt")
        torch.jit.save(torch.jit.script(Tiny()), path)
        with self.assertRaises(CheckpointFormatError) as caught:
            load_checkpoint(path)
        self.assertIn("TorchScript", str(caught.exception))

    def test_files_that_are_no_checkpoint(self):
        text = self.path("notes.pt")
        with open(text, "w") as stream:
            stream.write("not a checkpoint\n")
        other_zip = self.path("other.zip")
        with zipfile.ZipFile(other_zip, "w") as archive:
            archive.writestr("readme.txt", "hello")
        for path in (text, other_zip):
            with self.subTest(path=os.path.basename(path)):
                with self.assertRaises(CheckpointFormatError):
                    load_checkpoint(path)

    def test_unreadable_files_raise_os_errors(self):
        with self.assertRaises(FileNotFoundError):
            load_checkpoint(self.path("missing.pt"))
        with self.assertRaises(OSError):
            load_checkpoint(self.folder)


def small_target(leaf=lambda shape: np.zeros(shape, np.float32)):
    """The tree a converted ``Sequential(Conv2d(3, 8, 3), BatchNorm2d(8))`` plus ``Linear(8, 4)`` declares."""
    return {
        "params": {
            "features": {"layers_0": {"layers_1": {"kernel": leaf((3, 3, 3, 8)), "bias": leaf((8,))}},
                         "layers_1": {"scale": leaf((8,)), "bias": leaf((8,))}},
            "fc": {"kernel": leaf((8, 4)), "bias": leaf((4,))},
        },
        "batch_stats": {"features": {"layers_1": {"mean": leaf((8,)), "var": leaf((8,))}}},
    }


def random_tree(seed=0):
    generator = np.random.default_rng(seed)
    return small_target(lambda shape: generator.standard_normal(shape).astype(np.float32))


class TreeInputTests(TempFiles):
    def test_key_mapper_save_file_reads_back_as_the_tree(self):
        tree = random_tree()
        path = self.path("net.npz")
        KeyMapper.save(path, tree)
        loaded = load_checkpoint(path)
        self.assertEqual(sorted(loaded), ["batch_stats", "params"])
        original, restored = KeyMapper.flatten(tree), KeyMapper.flatten(loaded)
        self.assertEqual(sorted(original), sorted(restored))
        for name, value in original.items():
            with self.subTest(name=name):
                self.assertSameArray(restored[name], value)

    def test_exact_tree_is_returned_as_copies(self):
        tree = random_tree()
        plan = KeyMapper.plan(tree, small_target())
        self.assertEqual(plan.source, "tree")
        self.assertTrue(plan.ok, plan.describe())
        self.assertTrue(all(p.how == "copy" for p in plan.placements))
        result = KeyMapper.from_torch(tree, small_target())
        original, flat = KeyMapper.flatten(tree), KeyMapper.flatten(result)
        self.assertEqual(sorted(flat), sorted(original))
        for name, value in original.items():
            with self.subTest(name=name):
                self.assertSameArray(flat[name], value)
        result["params"]["fc"]["bias"][0] = 99.0
        self.assertNotEqual(tree["params"]["fc"]["bias"][0], 99.0, "a copy, not the given array")

    def test_tree_against_a_shape_only_target_and_with_tensor_leaves(self):
        tree = random_tree()
        target = small_target(lambda shape: ShapeOnly(shape, np.float32))
        tensors = {c: {k: v for k, v in sub.items()} for c, sub in tree.items()}
        tensors["params"]["fc"] = {k: torch.from_numpy(v) for k, v in tree["params"]["fc"].items()}
        result = KeyMapper.from_torch(tensors, target)
        self.assertIsInstance(result["params"]["fc"]["kernel"], np.ndarray)
        self.assertSameArray(result["params"]["fc"]["kernel"], tree["params"]["fc"]["kernel"])

    def test_torch_checkpoint_through_save_and_load_checkpoint(self):
        """torch.save -> load_checkpoint -> from_torch -> KeyMapper.save -> load_checkpoint -> from_torch."""
        model = nn.Sequential(nn.Linear(3, 5), nn.BatchNorm1d(5))
        target = {"params": {"layers_0": {"kernel": np.zeros((3, 5)), "bias": np.zeros(5)},
                             "layers_1": {"scale": np.zeros(5), "bias": np.zeros(5)}},
                  "batch_stats": {"layers_1": {"mean": np.zeros(5), "var": np.zeros(5)}}}
        state = load_checkpoint(self.saved(model.state_dict()))
        self.assertEqual(KeyMapper.plan(state, target).source, "torch")
        variables = KeyMapper.from_torch(state, target)
        path = self.path("converted.npz")
        KeyMapper.save(path, variables)
        again = KeyMapper.from_torch(load_checkpoint(path), target)
        self.assertSameArray(again["params"]["layers_0"]["kernel"], model[0].weight.detach().numpy().T)
        for name, value in KeyMapper.flatten(variables).items():
            self.assertSameArray(KeyMapper.flatten(again)[name], value)

    def broken(self):
        tree = random_tree()
        del tree["params"]["fc"]["bias"]                                  # missing
        tree["params"]["fc"]["extra"] = np.zeros(3, np.float32)           # unknown leaf
        tree["batch_stats"]["head"] = {"mean": np.zeros(2, np.float32)}   # unknown module
        tree["params"]["features"]["layers_1"]["scale"] = np.zeros(9, np.float32)  # wrong shape
        return tree

    def test_strict_lists_every_problem_in_one_error(self):
        with self.assertRaises(CheckpointMismatchError) as caught:
            KeyMapper.from_torch(self.broken(), small_target())
        error = caught.exception
        self.assertIsInstance(error, KeyError)
        self.assertIsInstance(error, ValueError)
        self.assertEqual(error.missing, ["params/fc/bias"])
        self.assertEqual(sorted(error.unknown), [
            "batch_stats/head/mean: no module 'head' at batch_stats (submodules there: features)",
            "params/fc/extra: params/fc declares no 'extra' (it declares: bias, kernel)",
        ])
        self.assertEqual(error.mismatched, ["params/features/layers_1/scale: (9,), but the target declares (8,)"])
        message = str(error)
        self.assertIn("the variable tree does not match the Flax target", message)
        self.assertIn("2 variable(s) with no place in the target", message)
        self.assertIn("1 target variable(s) not filled by the given tree", message)
        self.assertIn("1 shape mismatch(es)", message)

    def test_collections_missing_from_the_tree(self):
        tree = random_tree()
        del tree["batch_stats"]
        with self.assertRaises(CheckpointMismatchError) as caught:
            KeyMapper.from_torch(tree, small_target())
        self.assertEqual(caught.exception.missing, ["batch_stats/features/layers_1/mean",
                                                    "batch_stats/features/layers_1/var"])

    def test_non_strict_warns_and_returns_what_matches(self):
        shapes = KeyMapper.unflatten({name: types.SimpleNamespace(shape=a.shape, dtype=a.dtype)
                                      for name, a in KeyMapper.flatten(small_target()).items()})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # Declared shapes only (jax.eval_shape's): nothing to fill the gaps with.
            result = KeyMapper.from_torch(self.broken(), shapes, strict=False)
        relevant = [w for w in caught if issubclass(w.category, CheckpointMismatchWarning)]
        self.assertEqual(len(relevant), 1)
        text = str(relevant[0].message)
        for fragment in ("params/fc/bias", "params/fc/extra", "batch_stats/head/mean", "params/features/layers_1/scale"):
            self.assertIn(fragment, text)
        flat = KeyMapper.flatten(result)
        self.assertEqual(sorted(flat), sorted([
            "params/features/layers_0/layers_1/kernel", "params/features/layers_0/layers_1/bias",
            "params/features/layers_1/bias", "params/fc/kernel",
            "batch_stats/features/layers_1/mean", "batch_stats/features/layers_1/var",
        ]))

    def test_a_torch_state_dict_is_never_taken_for_a_tree(self):
        target = {"params": {"fc": {"kernel": np.zeros((2, 3)), "bias": np.zeros(3)}}}
        state = {"fc.weight": np.ones((3, 2)), "fc.bias": np.ones(3)}
        self.assertEqual(KeyMapper.plan(state, target).source, "torch")
        self.assertEqual(KeyMapper.plan({"params": np.ones(3)}, target).source, "torch")
        self.assertEqual(KeyMapper.plan({"other": {"fc": {}}}, target).source, "torch")
        self.assertEqual(KeyMapper.from_torch(state, target)["params"]["fc"]["kernel"].shape, (2, 3))


class NoTorchTests(TempFiles):
    def test_reading_a_checkpoint_never_imports_torch(self):
        tensors = collections.OrderedDict([("w", torch.randn(3, 4).t()), ("n", torch.tensor(5)),
                                           ("h", torch.randn(2).to(torch.bfloat16))])
        path = self.saved({"state": tensors, "epoch": 2})
        script = (
            "import sys; sys.modules['torch'] = None; sys.path.insert(0, sys.argv[1])\n"
            "from switcheroo_runtime import load_checkpoint\n"
            "loaded = load_checkpoint(sys.argv[2])\n"
            "state = loaded['state']\n"
            "print(type(state).__name__, loaded['epoch'], state['w'].shape, state['w'].dtype, int(state['n']), "
            "state['h'].dtype)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'torch' and sys.modules[m] is not None))\n"
        )
        result = subprocess.run([sys.executable, "-c", script, RUNTIME_DIR, path], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.splitlines(), ["OrderedDict 2 (4, 3) float32 5 float32", "[]"])


if __name__ == "__main__":
    unittest.main()
