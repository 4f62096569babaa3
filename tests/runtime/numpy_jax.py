"""Stand-ins for the few JAX and Optax names the runtime's optimizers, initialisers and
modules call, built on numpy, so the runtime's own code runs in the tests against torch.

JAX and Optax cannot be installed here; what is modelled is exactly what the runtime calls:
``jax.tree.map`` over dicts of arrays, ``jax.numpy`` as numpy, ``jax.nn.softmax`` and
``log_softmax`` (Flax's formula: shifted by the maximum), and
``optax.GradientTransformation`` as the (init, update) pair it is.
"""
import collections
import contextlib
import importlib.util
import os
import sys
import types
from unittest import mock

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(HERE, "..", "..", "src", "Switcheroo.Engine", "Emitting", "switcheroo_runtime.py")


def tree_map(f, tree, *rest):
    if isinstance(tree, dict):
        return {k: tree_map(f, v, *(r[k] for r in rest)) for k, v in tree.items()}
    return f(tree, *rest)


def softmax(x, axis=-1):
    # jax.nn.softmax: exp(x - max) / sum, over axis
    shifted = np.exp(x - x.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def fake_modules():
    jax = types.ModuleType("jax")
    jax.tree = types.SimpleNamespace(map=tree_map)
    jax.nn = types.SimpleNamespace(softmax=softmax, log_softmax=log_softmax)
    jax.numpy = np
    optax = types.ModuleType("optax")
    optax.GradientTransformation = collections.namedtuple("GradientTransformation", ["init", "update"])
    return {"jax": jax, "jax.numpy": np, "optax": optax}


def load_runtime(name):
    spec = importlib.util.spec_from_file_location(name, RUNTIME)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def jax_on_numpy():
    """While active, ``import jax``, ``import jax.numpy`` and ``import optax`` give the stand-ins."""
    with mock.patch.dict(sys.modules, fake_modules()):
        yield
