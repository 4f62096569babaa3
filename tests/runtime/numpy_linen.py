"""A stand-in for the part of ``flax.linen`` that ``switcheroo_runtime.torch_init`` works with, on
numpy: nested modules, method interceptors and the variable verbs. What is modelled is what Flax
0.12 does (flax/linen/module.py), reduced to one method, ``__call__``:

- subclasses are dataclasses; a submodule held in a field or assigned in ``setup`` (or a list of
  them) is bound to its parent when the parent is called, named after the attribute (``layer``,
  ``layers_0``, ...), so its variables lie under that name, as Flax names the submodules of ``setup``;
- ``intercept_methods(interceptor)`` pushes an interceptor for the ``with`` block; a module's
  ``__call__`` runs through every interceptor on the stack, the first pushed outermost, each called
  as ``interceptor(next_fun, args, kwargs, context)`` with an ``InterceptorContext(module,
  method_name, orig_method)`` (``run_interceptors`` in Flax);
- ``param``, ``variable``, ``has_variable``, ``get_variable``, ``put_variable``, ``make_rng``,
  ``is_initializing``, ``path`` and ``variables`` act on the module's own part of the variables;
- ``setup`` runs once a module is bound, before its ``__call__`` (``nowrap`` leaves a method as it is);
- ``init(module, seed, *args)`` initialises a model and returns its variables; ``apply(module,
  variables, *args)`` calls it on them; ``clone(**updates)`` copies a module, as Flax's.

The layers Switcheroo's conversions build (Dense, Conv, ConvTranspose, GroupNorm, LayerNorm,
InstanceNorm, Embed) declare Flax's parameters, with Flax's shapes, and return their input (only
the shapes of the variables matter here), except Dense, which computes ``x @ kernel + bias``.
``Sequential`` applies its ``layers`` in turn.
"""
import contextlib
import copy
import dataclasses
import functools
import sys
import types
from unittest import mock

import numpy as np

import numpy_jax

_interceptors = []


@dataclasses.dataclass(frozen=True)
class InterceptorContext:
    module: object
    method_name: str
    orig_method: object


@contextlib.contextmanager
def intercept_methods(interceptor):
    _interceptors.append(interceptor)
    try:
        yield
    finally:
        assert _interceptors.pop() is interceptor


class _Binding:
    """The variables of a whole model, the flag of ``init`` and the key source."""

    def __init__(self, variables, initializing, seed):
        self.variables, self.initializing = variables, initializing
        self.rng = np.random.default_rng(seed)


def _call_with_interceptors(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if getattr(self, "_set_up", None) is not self._binding:
            # Flax runs setup once a module is bound, before its first method.
            self._set_up = self._binding
            self.setup()
        for name, child in _children(self):
            child._bind(self._binding, self._path + (name,))
        fun = functools.partial(method, self)
        context = InterceptorContext(self, "__call__", fun)
        for interceptor in reversed(_interceptors):
            fun = _wrap(interceptor, fun, context)
        return fun(*args, **kwargs)

    return call


def _wrap(interceptor, fun, context):
    def wrapped(*args, **kwargs):
        return interceptor(fun, args, kwargs, context)

    return wrapped


def _children(module):
    # the fields, then what setup assigned (attributes not starting with "_")
    names = [f.name for f in dataclasses.fields(module)]
    names += [n for n in vars(module) if not n.startswith("_") and n not in names]
    for name in names:
        value = getattr(module, name)
        field = types.SimpleNamespace(name=name)
        if isinstance(value, Module):
            yield field.name, value
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                if isinstance(item, Module):
                    yield f"{field.name}_{i}", item


class Module:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(cls, eq=False)
        if "__call__" in cls.__dict__:
            cls.__call__ = _call_with_interceptors(cls.__dict__["__call__"])

    def __post_init__(self):
        pass

    def setup(self):
        pass

    def _bind(self, binding, path):
        self._binding, self._path = binding, path

    def _collection(self, collection):
        values = self._binding.variables.setdefault(collection, {})
        for name in self._path:
            values = values.setdefault(name, {})
        return values

    @property
    def path(self):
        return self._path

    @property
    def variables(self):
        return {c: self._collection(c) for c in list(self._binding.variables)}

    def is_initializing(self):
        return self._binding.initializing

    def make_rng(self, name):
        assert name == "params"
        return np.random.default_rng(self._binding.rng.integers(2 ** 32))

    def param(self, name, init, *args):
        params = self._collection("params")
        if name not in params:
            params[name] = np.asarray(init(self.make_rng("params"), *args))
        return params[name]

    def variable(self, collection, name, init, *args):
        values = self._collection(collection)
        if name not in values:
            values[name] = np.asarray(init(*args))
        return _Variable(values, name)

    def has_variable(self, collection, name):
        return name in self._collection(collection)

    def get_variable(self, collection, name, default=None):
        return self._collection(collection).get(name, default)

    def put_variable(self, collection, name, value):
        # Flax's Scope.put_variable: a mapping put over a dict is merged into it, key by key, so the
        # variables of a submodule can be replaced from its parent without replacing the dict.
        def put(target, key, value):
            if isinstance(target.get(key), dict) and isinstance(value, dict):
                for k, v in value.items():
                    put(target[key], k, v)
            else:
                target[key] = np.asarray(value)

        put(self._collection(collection), name, value)

    def clone(self, **updates):
        """Flax's ``clone``: a new instance of the same class from the same fields, some updated."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.init}
        return type(self)(**{**fields, **updates})


class _Variable:
    def __init__(self, values, name):
        self._values, self._name = values, name

    @property
    def value(self):
        return self._values[self._name]

    @value.setter
    def value(self, value):
        self._values[self._name] = value


def init(module, seed, *args):
    """``module.init``: the variables after one call while initialising."""
    module._bind(_Binding({}, True, seed), ())
    module(*args)
    return module._binding.variables


def apply(module, variables, *args):
    """``module.apply``: the output of one call on a copy of ``variables``, not initialising."""
    module._bind(_Binding(copy.deepcopy(variables), False, 0), ())
    return module(*args)


def _lecun(key, shape, dtype=np.float32):
    return key.standard_normal(shape).astype(dtype) / np.sqrt(np.prod(shape[:-1]))


def _ones(key, shape, dtype=np.float32):
    return np.ones(shape, dtype)


def _zeros(key, shape, dtype=np.float32):
    return np.zeros(shape, dtype)


class Dense(Module):
    features: int
    use_bias: bool = True

    def __call__(self, x):
        y = x @ self.param("kernel", _lecun, (x.shape[-1], self.features), np.float32)
        if self.use_bias:
            y = y + self.param("bias", _zeros, (self.features,), np.float32)
        return y


class _Convolution(Module):
    features: int
    kernel_size: tuple
    use_bias: bool = True
    feature_group_count: int = 1

    def __call__(self, x):
        # channels last, as Flax's Conv: kernel (*kernel, in / groups, out)
        shape = tuple(self.kernel_size) + (x.shape[-1] // self.feature_group_count, self.features)
        self.param("kernel", _lecun, shape, np.float32)
        if self.use_bias:
            self.param("bias", _zeros, (self.features,), np.float32)
        return np.zeros(x.shape[:-1] + (self.features,), np.float32)


class Conv(_Convolution):
    pass


class ConvTranspose(_Convolution):
    """Not a Conv, as in Flax."""


class _Norm(Module):
    use_bias: bool = True
    use_scale: bool = True

    def __call__(self, x):
        if self.use_scale:
            self.param("scale", _ones, (x.shape[-1],), np.float32)
        if self.use_bias:
            self.param("bias", _zeros, (x.shape[-1],), np.float32)
        return x


class GroupNorm(_Norm):
    num_groups: int = 32


class LayerNorm(_Norm):
    pass


class InstanceNorm(_Norm):
    pass


class Embed(Module):
    num_embeddings: int
    features: int

    def __call__(self, x):
        self.param("embedding", _lecun, (self.num_embeddings, self.features), np.float32)
        return x


class DenseGeneral(Module):
    """A Flax layer no torch layer converts to (not a Dense, as in Flax)."""

    features: int

    def __call__(self, x):
        self.param("kernel", _lecun, (x.shape[-1], self.features), np.float32)
        return np.zeros(x.shape[:-1] + (self.features,), np.float32)


class Sequential(Module):
    """Flax's ``Sequential``: its layers, named ``layers_0``, ``layers_1``, ..., applied in turn."""

    layers: list

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


def fake_modules():
    linen = types.ModuleType("flax.linen")
    for name, value in dict(globals()).items():
        if isinstance(value, type) and issubclass(value, Module):
            value.__module__ = "flax.linen"
            setattr(linen, name, value)
    linen.Module = Module
    linen.compact = lambda method: method
    linen.nowrap = lambda method: method
    linen.intercept_methods = intercept_methods
    linen.initializers = types.SimpleNamespace(ones=_ones, zeros=_zeros)
    flax = types.ModuleType("flax")
    flax.linen = linen
    return {"flax": flax, "flax.linen": linen}


@contextlib.contextmanager
def linen_on_numpy():
    """While active, ``import jax``, ``jax.numpy``, ``flax`` and ``flax.linen`` give the stand-ins."""
    with mock.patch.dict(sys.modules, {**numpy_jax.fake_modules(), **fake_modules()}):
        yield
