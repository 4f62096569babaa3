"""Stand-ins for the few JAX and Optax names the runtime's optimizers, initialisers and
modules call, built on numpy, so the runtime's own code runs in the tests against torch.

JAX and Optax cannot be installed here; what is modelled is exactly what the runtime calls:
``jax.tree.map`` over dicts of arrays, ``jax.numpy`` as numpy, and
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


def fake_modules():
    jax = types.ModuleType("jax")
    jax.tree = types.SimpleNamespace(map=tree_map)
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
