"""A stand-in for the part of ``flax.linen`` the runtime's layers use, on numpy, so their own code
runs in the tests against torch. What is modelled is what Flax documents for a compact module:
subclasses are dataclasses; ``self.param(name, init, *args)`` and ``self.variable(collection,
name, init, *args)`` return the stored value, or create it from ``init`` (a param's init also gets
a key first) when the collection has none; ``is_initializing()``; ``initializers.ones``/``zeros``.
``apply`` runs a module on a copy of its variables and returns the output and the variables after
the call (what Flax returns for mutable collections).
"""
import contextlib
import copy
import dataclasses
import sys
import types
from unittest import mock

import numpy as np

import numpy_jax


class _Variable:
    def __init__(self, store, collection, name):
        self._store, self._collection, self._name = store, collection, name

    @property
    def value(self):
        return self._store[self._collection][self._name]

    @value.setter
    def value(self, value):
        self._store[self._collection][self._name] = value


class Module:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(cls)

    def param(self, name, init, *args):
        params = self._store.setdefault("params", {})
        if name not in params:
            params[name] = np.asarray(init(None, *args))
        return params[name]

    def variable(self, collection, name, init, *args):
        values = self._store.setdefault(collection, {})
        if name not in values:
            values[name] = np.asarray(init(*args))
        return _Variable(self._store, collection, name)

    def is_initializing(self):
        return self._initializing


def apply(module, variables, *args, initializing=False):
    module._store = copy.deepcopy(variables)
    module._initializing = initializing
    output = module(*args)
    return output, module._store


def _ones(key, shape, dtype=np.float32):
    return np.ones(shape, dtype)


def _zeros(key, shape, dtype=np.float32):
    return np.zeros(shape, dtype)


def fake_modules():
    linen = types.ModuleType("flax.linen")
    linen.Module = Module
    linen.compact = lambda method: method
    linen.initializers = types.SimpleNamespace(ones=_ones, zeros=_zeros)
    flax = types.ModuleType("flax")
    flax.linen = linen
    return {"flax": flax, "flax.linen": linen}


@contextlib.contextmanager
def flax_on_numpy():
    """While active, ``import jax``, ``jax.numpy``, ``optax``, ``flax`` and ``flax.linen`` give the stand-ins."""
    with mock.patch.dict(sys.modules, {**numpy_jax.fake_modules(), **fake_modules()}):
        yield
