"""Checks that converted Flax modules compute what their torch originals compute.

Written out and run by `switcheroo verify` (and the SwitcherooVerify MSBuild target); see
docs/fidelity.md. For every torch.nn.Module class of a source file whose constructor can be
called, the torch half builds the module (eval mode), draws an input and a cotangent, and saves
the input, the state_dict, the outputs and the gradients (of sum(output * cotangent) with respect
to the input and every parameter) to an .npz file. The JAX half builds the converted Flax module,
loads the saved state_dict through switcheroo_runtime.KeyMapper, runs it on the same input and
compares outputs and gradients with numpy.allclose's rule, |jax - torch| <= atol + rtol * |torch|.

The halves run in separate processes (a converted file and its source may share a module name),
and the torch half alone with --torch-only, where JAX is not installed.

Exit status: 0 when every compared class matches, 1 on a mismatch or an error, 2 when a needed
package is missing or the arguments are wrong.
"""
import argparse
import importlib
import importlib.util
import json
import math
import os
import subprocess
import sys
import tempfile
import traceback

try:
    import numpy as np
except ImportError:  # reported by run(): both halves need it
    np = None

TORCH_PACKAGES = ("numpy", "torch")
JAX_PACKAGES = ("jax", "flax", "optax")
INSTALL_HINT = 'python3 -m pip install "jax==0.11.1" "flax==0.12.8" "optax>=0.2.4" numpy; README.md, "What runs the output"'
SPATIAL_SIZES = (32, 28, 64, 224)
BATCH = 2


def main(argv):
    parser = argparse.ArgumentParser(prog="switcheroo_verify.py", description=__doc__.splitlines()[0])
    parser.add_argument("--pair", nargs=2, action="append", default=[], metavar=("SOURCE", "CONVERTED"),
                        help="a torch source file and its converted file (repeat for each file)")
    parser.add_argument("--examples", help="a JSON file of examples: {source file name: {class or row name: {args, kwargs, input_shape, ...}}}")
    parser.add_argument("--runtime", help="switcheroo_runtime.py (default: beside this script)")
    parser.add_argument("--rtol", type=float, default=1e-4)
    parser.add_argument("--atol", type=float, default=1e-5)
    parser.add_argument("--torch-only", action="store_true", help="run the torch half only")
    parser.add_argument("--save", help="keep the torch half's .npz files and manifest.json in this folder")
    parser.add_argument("--check", action="store_true", help="only check that the needed packages can be imported")
    parser.add_argument("--half", choices=("torch", "jax"), help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        return prerequisites(args.torch_only)
    if not args.pair and args.half != "jax":
        parser.error("give at least one --pair SOURCE CONVERTED")
    if args.half == "torch":
        return torch_half(args.pair, load_examples(args.examples), args.work)
    if args.half == "jax":
        return report(jax_half(args.work, load_examples(args.examples), args.runtime, args.rtol, args.atol), args.rtol, args.atol)
    return run(args)


def prerequisites(torch_only):
    needed = TORCH_PACKAGES + (() if torch_only else JAX_PACKAGES)
    absent = [name for name in needed if importlib.util.find_spec(name) is None]
    if absent:
        print(f"switcheroo verify: {sys.executable} cannot import {', '.join(absent)}; "
              f"verify needs {', '.join(needed)}.", file=sys.stderr)
        print(f"Install them ({INSTALL_HINT}) or point --python at an interpreter that has them"
              + ("" if torch_only else "; --torch-only runs the torch half alone") + ".", file=sys.stderr)
        return 2
    return 0


def run(args):
    missing = prerequisites(args.torch_only)
    if missing:
        return missing
    work = args.save or args.work or tempfile.mkdtemp(prefix="switcheroo-verify-")
    os.makedirs(work, exist_ok=True)
    if args.torch_only:
        torch_half(args.pair, load_examples(args.examples), work)
        reason = "--torch-only" if importlib.util.find_spec("jax") else "jax not installed"
        return report(torch_only_rows(work, reason), args.rtol, args.atol)
    command = [sys.executable, os.path.abspath(__file__), "--half", "torch", "--work", work]
    if args.examples:
        command += ["--examples", args.examples]
    for source, converted in args.pair:
        command += ["--pair", source, converted]
    if subprocess.call(command) != 0:
        print("switcheroo verify: the torch half failed (above)", file=sys.stderr)
        return 1
    return report(jax_half(work, load_examples(args.examples), args.runtime, args.rtol, args.atol), args.rtol, args.atol)


def load_examples(path):
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        examples = json.load(f)
    if not isinstance(examples, dict):
        raise SystemExit(f"switcheroo verify: {path} must hold a JSON object of examples")
    return examples


# ---------------------------------------------------------------- loading Python files


def package_of(path):
    """The dotted package a file belongs to (folders with __init__.py above it), or ''."""
    parts = []
    folder = os.path.dirname(os.path.abspath(path))
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        parts.insert(0, os.path.basename(folder))
        folder = os.path.dirname(folder)
    return ".".join(parts)


class SiblingFinder:
    """Lets `from cnn import ConvNet` find cnn.torch.py beside the importing source, as the
    converted files find cnn.py beside them."""

    def __init__(self, folder):
        self.folder = folder

    def find_spec(self, name, path=None, target=None):
        candidate = os.path.join(self.folder, name + ".torch.py")
        if "." in name or not os.path.isfile(candidate):
            return None
        return importlib.util.spec_from_file_location(name, candidate)


def load_file(path, unique_name, package):
    """Imports a file by path. A source inside a package (torchvision's models) is imported as that
    package's own module; its converted copy is imported into the source's package, so that its
    relative imports (`from .._utils import ...`) find what the source's find."""
    path = os.path.abspath(path)
    if package:
        stem = os.path.basename(path)[:-3]
        try:
            module = importlib.import_module(f"{package}.{stem}")
            if os.path.abspath(getattr(module, "__file__", "")) == path:
                return module
        except ImportError:
            pass
        unique_name = f"{package}.{unique_name}"
    folder = os.path.dirname(path)
    sys.path.insert(0, folder)
    finder = SiblingFinder(folder)
    sys.meta_path.insert(0, finder)
    try:
        spec = importlib.util.spec_from_file_location(unique_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[unique_name] = module
        with fresh_model_registry():
            spec.loader.exec_module(module)
        return module
    finally:
        sys.meta_path.remove(finder)
        sys.path.remove(folder)


class fresh_model_registry:
    """A converted copy of a torchvision model file registers its builders again under their
    names, which torchvision refuses; the copy registers into an empty registry instead."""

    def __enter__(self):
        self.api = sys.modules.get("torchvision.models._api")
        if self.api is not None and isinstance(getattr(self.api, "BUILTIN_MODELS", None), dict):
            self.saved = self.api.BUILTIN_MODELS
            self.api.BUILTIN_MODELS = {}
        else:
            self.api = None

    def __exit__(self, *exc):
        if self.api is not None:
            self.api.BUILTIN_MODELS = self.saved


def describe(error):
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"


# ---------------------------------------------------------------- the torch half


def torch_half(pairs, sidecar, work):
    import torch

    os.makedirs(work, exist_ok=True)
    rows = []
    for index, (source, converted) in enumerate(pairs):
        try:
            module = load_file(source, f"_switcheroo_source_{index}", package_of(source))
        except Exception as e:  # the user's file: report it, go on with the others
            rows.append(dict(source=source, converted=converted, name="(file)", status="ERROR",
                             detail=f"torch: cannot import {source}: {describe(e)}"))
            continue
        examples = examples_for(module, sidecar, source)
        for name, example in candidates(module, examples, torch):
            row = dict(source=source, converted=converted, name=name)
            row.update(torch_row(module, name, example, torch, os.path.join(work, f"{index}-{name}.npz")))
            rows.append(row)
    with open(os.path.join(work, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"torch": torch.__version__, "rows": rows}, f, indent=1, default=repr)
    return 0


def examples_for(module, sidecar, source):
    """A file's examples: its SWITCHEROO_EXAMPLES, then the --examples entries for it. Each half
    reads its own file's dict, so example arguments that are torch values (nn.GELU()) reach the
    converted module converted."""
    examples = dict(getattr(module, "SWITCHEROO_EXAMPLES", None) or {})
    examples.update(sidecar_examples(sidecar, source))
    return examples


def sidecar_examples(sidecar, source):
    """The --examples entries for a source: keys are file names or ends of paths ("net.torch.py",
    "models/net.torch.py"); longer keys win over shorter ones."""
    path = "/" + os.path.abspath(source).replace(os.sep, "/")
    examples = {}
    for key in sorted(sidecar, key=len):
        if path.endswith("/" + key.strip("/")) and isinstance(sidecar[key], dict):
            examples.update(sidecar[key])
    return examples


def candidates(module, examples, torch):
    """Rows to check: every nn.Module class the file defines (its example, if any) and every
    example naming a factory function of the file, in the order of the file."""
    seen = set()
    for name, value in list(vars(module).items()):
        if isinstance(value, type) and issubclass(value, torch.nn.Module) and value.__module__ == module.__name__:
            seen.add(name)
            yield name, example_of(examples.get(name))
    for name, example in examples.items():
        if name not in seen:
            yield name, example_of(example)


def example_of(example):
    return example if isinstance(example, dict) else {}


def torch_row(module, name, example, torch, npz):
    given = bool(example)
    factory = example.get("factory", name)
    build = getattr(module, factory, None)
    if build is None:
        return dict(status="ERROR", detail=f"torch: the file has no {factory}")
    args, kwargs = list(example.get("args", [])), dict(example.get("kwargs", {}))
    torch.manual_seed(0)
    try:
        model = build(*args, **kwargs)
    except TypeError as e:
        if given:
            return dict(status="ERROR", detail=f"torch: {factory}(...) fails: {describe(e)}")
        return dict(status="skipped", detail=f"the constructor needs arguments ({describe(e)}); give them in SWITCHEROO_EXAMPLES")
    except Exception as e:
        return dict(status="ERROR" if given else "skipped", detail=f"torch: {factory}(...) fails: {describe(e)}")
    model.eval()
    shapes = [example["input_shape"]] if "input_shape" in example else inferred_shapes(model, torch)
    if not shapes:
        return dict(status="skipped", detail="cannot infer the input shape (no Linear, Conv or Embedding first); give input_shape in SWITCHEROO_EXAMPLES")
    failures = []
    for shape in shapes:
        x = draw_input(model, shape, example, torch)
        try:
            with torch.no_grad():
                first, second = flatten_outputs(model(x)), flatten_outputs(model(x))
        except Exception as e:
            failures.append(f"{tuple(shape)}: {describe(e)}")
            continue
        if any(a.shape != b.shape or not torch.equal(a, b) for a, b in zip(first, second)):
            return dict(status="skipped", detail="the torch module's output is random in eval mode; nothing to compare")
        try:
            return save_torch_run(model, x, npz, torch)
        except Exception as e:
            return dict(status="ERROR" if given else "skipped", detail=f"torch: cannot take gradients: {describe(e)}")
    status = "ERROR" if given else "skipped"
    return dict(status=status, detail="torch: the module fails on the input " + "; on ".join(failures)
                + ("" if given else "; give input_shape in SWITCHEROO_EXAMPLES"))


def inferred_shapes(model, torch):
    nn = torch.nn
    for layer in list(model.modules())[1:] or [model]:
        if isinstance(layer, nn.Linear):
            return [[BATCH, layer.in_features]]
        if isinstance(layer, (nn.Conv1d, nn.Conv2d, nn.Conv3d)):
            dims = 1 if isinstance(layer, nn.Conv1d) else 3 if isinstance(layer, nn.Conv3d) else 2
            return [[BATCH, layer.in_channels] + [size] * dims for size in SPATIAL_SIZES]
        if isinstance(layer, nn.Embedding):
            return [[BATCH, 8]]
        if isinstance(layer, (nn.BatchNorm1d, nn.LayerNorm)):
            features = layer.num_features if isinstance(layer, nn.BatchNorm1d) else list(layer.normalized_shape)
            return [[BATCH] + ([features] if isinstance(features, int) else features)]
    return []


def draw_input(model, shape, example, torch):
    generator = torch.Generator().manual_seed(1)
    embedding = next((m for m in model.modules() if isinstance(m, torch.nn.Embedding)), None)
    if example.get("input_dtype", "float32" if embedding is None else "int64") == "int64":
        high = example.get("input_high", embedding.num_embeddings if embedding is not None else 2)
        return torch.randint(0, high, tuple(shape), generator=generator)
    return torch.randn(tuple(shape), generator=generator)


def flatten_outputs(value):
    if isinstance(value, (tuple, list)):
        return [leaf for item in value for leaf in flatten_outputs(item)]
    if isinstance(value, dict):
        return [leaf for key in sorted(value) for leaf in flatten_outputs(value[key])]
    return [value]


def save_torch_run(model, x, npz, torch):
    x = x.clone().requires_grad_(x.is_floating_point())
    outputs = flatten_outputs(model(x))
    generator = torch.Generator().manual_seed(2)
    cotangents = [torch.randn(o.shape, generator=generator) if o.is_floating_point() else None for o in outputs]
    loss = sum((o * c).sum() for o, c in zip(outputs, cotangents) if c is not None)
    model.zero_grad(set_to_none=True)
    if torch.is_tensor(loss) and loss.requires_grad:
        loss.backward()
    arrays = {"input": x.detach().numpy()}
    for i, (o, c) in enumerate(zip(outputs, cotangents)):
        arrays[f"output/{i}"] = o.detach().numpy()
        if c is not None:
            arrays[f"cotangent/{i}"] = c.numpy()
    if x.grad is not None:
        arrays["grad_input"] = x.grad.numpy()
    parameters = dict(model.named_parameters())
    for key, value in model.state_dict().items():
        arrays[f"state/{key}"] = value.detach().cpu().numpy()
        p = parameters.get(key)
        if p is not None and p.requires_grad:
            arrays[f"grad/{key}"] = (p.grad if p.grad is not None else torch.zeros_like(p)).detach().numpy()
    np.savez(npz, **arrays)
    return dict(status="torch ok", npz=npz, input_shape=list(x.shape), outputs=len(outputs))


# ---------------------------------------------------------------- the JAX half


def jax_half(work, sidecar, runtime_path, rtol, atol):
    import jax

    jax.config.update("jax_default_matmul_precision", "highest")  # no TF32 on GPUs: torch's CPU numbers are float32
    runtime = load_runtime(runtime_path)
    with open(os.path.join(work, "manifest.json"), encoding="utf-8") as f:
        rows = json.load(f)["rows"]
    converted = {}
    for row in rows:
        if row["status"] != "torch ok":
            continue
        path = row["converted"]
        if path not in converted:
            try:
                if not os.path.isfile(path):
                    raise FileNotFoundError(f"{path} was not written (the conversion failed; see its diagnostics)")
                converted[path] = load_file(path, f"_switcheroo_converted_{len(converted)}", package_of(row["source"]))
            except Exception as e:
                converted[path] = e
        module = converted[path]
        if isinstance(module, Exception):
            row.update(status="ERROR", detail=f"cannot import the converted file: {describe(module)}")
            continue
        try:
            example = example_of(examples_for(module, sidecar, row["source"]).get(row["name"]))
            row.update(compare(module, row["name"], example, row["npz"], runtime, rtol, atol))
        except Exception as e:
            row.update(status="ERROR", detail=f"converted: {describe(e)}{where(e, path)}")
    return rows


def where(error, path):
    """Where in the converted file the error came from, if it did."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if os.path.abspath(f.filename) == os.path.abspath(path)]
    return f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""


def load_runtime(path):
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "switcheroo_runtime.py")
    spec = importlib.util.spec_from_file_location("switcheroo_runtime", path)
    runtime = importlib.util.module_from_spec(spec)
    sys.modules["switcheroo_runtime"] = runtime
    spec.loader.exec_module(runtime)
    return runtime


def compare(module, name, example, npz, runtime, rtol, atol):
    import jax
    import jax.numpy as jnp

    factory = example.get("factory", name)
    build = getattr(module, factory, None)
    if build is None:
        return dict(status="ERROR", detail=f"the converted file has no {factory}")
    model = build(*example.get("args", []), **example.get("kwargs", {}))
    if "train" in getattr(model, "__dataclass_fields__", {}):
        model = model.clone(train=False)
    saved = np.load(npz)
    x = jnp.asarray(saved["input"])
    keys = {stream: jax.random.key(0) for stream in ("dropout", "noise")}
    target = jax.eval_shape(lambda: model.init({"params": jax.random.key(0), **keys}, x))
    state = {key[len("state/"):]: saved[key] for key in saved.files if key.startswith("state/")}
    variables = runtime.KeyMapper.to_jax(runtime.KeyMapper.from_torch(state, target))
    mutable = [collection for collection in variables if collection != "params"]

    def apply(params, x):
        out = model.apply({**variables, "params": params}, x, rngs=keys, mutable=mutable or False)
        return jax.tree_util.tree_leaves(out[0] if mutable else out)

    outputs = apply(variables.get("params", {}), x)
    pairs = []
    count = len([k for k in saved.files if k.startswith("output/")])
    if len(outputs) != count:
        return dict(status="MISMATCH", detail=f"torch returns {count} arrays, the converted module {len(outputs)}", max_abs_diff=math.inf)
    pairs += [(f"output {i}", np.asarray(o), saved[f"output/{i}"]) for i, o in enumerate(outputs)]
    cotangents = {i: jnp.asarray(saved[f"cotangent/{i}"]) for i in range(count) if f"cotangent/{i}" in saved.files}
    if cotangents:
        def loss(params, x):
            leaves = apply(params, x)
            return sum(jnp.sum(leaves[i] * c) for i, c in cotangents.items())

        floating = jnp.issubdtype(x.dtype, jnp.floating)
        grads = jax.grad(loss, argnums=(0, 1) if floating else 0)(variables.get("params", {}), x)
        grad_params, grad_x = grads if floating else (grads, None)
        if grad_x is not None and "grad_input" in saved.files:
            pairs.append(("grad input", np.asarray(grad_x), saved["grad_input"]))
        pairs += parameter_gradients(saved, state, target, grad_params, runtime)
    return verdict(pairs, rtol, atol)


def parameter_gradients(saved, state, target, grad_params, runtime):
    """torch's parameter gradients, laid out by KeyMapper as it lays out the parameters; only
    parameters torch trains (requires_grad) are compared."""
    as_state = {key: (saved[f"grad/{key}"] if f"grad/{key}" in saved.files else value) for key, value in state.items()}
    torch_grads = runtime.KeyMapper.flatten(runtime.KeyMapper.from_torch(as_state, target))
    jax_grads = runtime.KeyMapper.flatten({"params": grad_params})
    trained = sorted(p.name for p in runtime.KeyMapper.plan(state, target).placements
                     if f"grad/{p.key}" in saved.files and p.name in jax_grads)
    return [(f"grad {name}", np.asarray(jax_grads[name]), torch_grads[name]) for name in trained]


def verdict(pairs, rtol, atol):
    worst, failed = 0.0, []
    for label, got, expected in pairs:
        if got.shape != expected.shape:
            failed.append(f"{label}: shape {got.shape}, torch {expected.shape}")
            worst = math.inf
            continue
        if got.size == 0:
            continue
        diff = float(np.max(np.abs(got.astype(np.float64) - expected.astype(np.float64))))
        worst = max(worst, diff)
        if not np.allclose(got, expected, rtol=rtol, atol=atol):
            failed.append(f"{label}: max abs diff {diff:.3g}")
    if failed:
        return dict(status="MISMATCH", detail="; ".join(failed[:4]) + (f"; and {len(failed) - 4} more" if len(failed) > 4 else ""), max_abs_diff=worst)
    return dict(status="ok", detail=f"{len(pairs)} arrays compared", max_abs_diff=worst)


# ---------------------------------------------------------------- the report


def torch_only_rows(work, reason):
    with open(os.path.join(work, "manifest.json"), encoding="utf-8") as f:
        rows = json.load(f)["rows"]
    for row in rows:
        if row["status"] == "torch ok":
            row.update(status="torch only", detail=f"torch half done ({row['outputs']} outputs, input {tuple(row['input_shape'])}); JAX half not run ({reason})")
    return rows


def report(rows, rtol, atol):
    tolerance = f"rtol {rtol:g}, atol {atol:g}"
    table = [("file", "class", "status", "max abs diff", "tolerance")]
    for row in rows:
        diff = row.get("max_abs_diff")
        shown = "-" if diff is None else ("inf" if diff == math.inf else f"{diff:.2e}")
        table.append((row["source"], row["name"], row["status"], shown, tolerance if diff is not None else "-"))
    widths = [max(len(str(line[i])) for line in table) for i in range(5)]
    for n, line in enumerate(table):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * width for width in widths))
    for row in rows:
        if row["status"] != "ok" and row.get("detail"):
            print(f"{row['source']}: {row['name']}: {row['status']}: {row['detail']}")
    counts = {status: sum(1 for row in rows if row["status"] == status) for status in ("ok", "MISMATCH", "ERROR", "skipped", "torch only")}
    print(f"{len(rows)} classes: {counts['ok']} ok, {counts['MISMATCH']} mismatched, {counts['ERROR']} errors, "
          f"{counts['skipped']} skipped, {counts['torch only']} torch only")
    return 1 if counts["MISMATCH"] or counts["ERROR"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
