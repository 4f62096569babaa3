"""Stand-ins for the few JAX and Optax names the runtime's optimizers, initialisers and
modules call, built on numpy, so the runtime's own code runs in the tests against torch.

JAX and Optax cannot be installed here; what is modelled is exactly what the runtime calls:
``jax.tree.map`` over dicts, tuples and lists of arrays, ``jax.numpy`` as numpy, ``jax.nn.softmax`` and
``log_softmax`` (Flax's formula: shifted by the maximum), ``sigmoid`` and ``relu``, ``jax.lax.scan``
as the loop it stands for, and ``optax.GradientTransformation`` as the (init, update) pair it is.
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
    if isinstance(tree, (tuple, list)):
        return type(tree)(tree_map(f, v, *(r[i] for r in rest)) for i, v in enumerate(tree))
    return f(tree, *rest)


def _tree_leaves(tree):
    if isinstance(tree, dict):
        return [leaf for v in tree.values() for leaf in _tree_leaves(v)]
    if isinstance(tree, (tuple, list)):
        return [leaf for v in tree for leaf in _tree_leaves(v)]
    return [] if tree is None else [tree]


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    """``jax.lax.scan``: ``carry, y = f(carry, x)`` for each slice ``x`` of ``xs`` along its first axis
    (a tree of arrays; the last slice first when ``reverse``), the ``y`` stacked in the slices' order
    (a tree of them stacked leaf by leaf), and the last carry."""
    leaves = _tree_leaves(xs)
    steps = length if length is not None else leaves[0].shape[0]
    carry, ys = init, [None] * steps
    for i in (reversed(range(steps)) if reverse else range(steps)):
        carry, ys[i] = f(carry, tree_map(lambda leaf: leaf[i], xs) if xs is not None else None)
    return carry, tree_map(lambda *slices: np.stack(slices), ys[0], *ys[1:])


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(x, 0)


def softmax(x, axis=-1):
    # jax.nn.softmax: exp(x - max) / sum, over axis
    shifted = np.exp(x - x.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def _same_padding(size, kernel, stride, dilation):
    # lax's "SAME": the output has ceil(size / stride) positions, the padding split low-first.
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None, dimension_numbers=None,
                         feature_group_count=1):
    """``jax.lax.conv_general_dilated`` for the layouts the runtime's convolutions use: input
    ``NC`` + spatial, kernel spatial + ``IO`` (Flax's) or ``OI`` + spatial (torch's), output as the
    input; padding as ``(low, high)`` pairs, ``"SAME"`` or ``"VALID"``."""
    lhs_spec, rhs_spec, out_spec = dimension_numbers
    ndim = lhs.ndim - 2
    if rhs_spec[:2] == "OI":
        rhs = np.transpose(rhs, tuple(range(2, ndim + 2)) + (1, 0))
        rhs_spec = rhs_spec[2:] + "IO"
    assert lhs_spec[:2] == "NC" and rhs_spec[-2:] == "IO" and out_spec == lhs_spec and len(rhs_spec) == ndim + 2
    dilation = tuple(rhs_dilation or (1,) * ndim)
    kernel = rhs.shape[:ndim]
    if isinstance(padding, str):
        padding = [(0, 0)] * ndim if padding == "VALID" else [
            _same_padding(lhs.shape[2 + i], kernel[i], window_strides[i], dilation[i]) for i in range(ndim)]
    if lhs_dilation is not None and any(s != 1 for s in lhs_dilation):
        # lhs_dilation - 1 zeros between the input's items on each spatial axis.
        dilated = np.zeros(lhs.shape[:2] + tuple((n - 1) * s + 1 for n, s in zip(lhs.shape[2:], lhs_dilation)), lhs.dtype)
        dilated[(slice(None), slice(None)) + tuple(slice(None, None, s) for s in lhs_dilation)] = lhs
        lhs = dilated
    x = np.pad(lhs, [(0, 0), (0, 0)] + [tuple(p) for p in padding])
    groups = feature_group_count
    per_group_in, out_channels = rhs.shape[-2], rhs.shape[-1]
    per_group_out = out_channels // groups
    sizes = [(x.shape[2 + i] - (kernel[i] - 1) * dilation[i] - 1) // window_strides[i] + 1 for i in range(ndim)]
    y = np.zeros((x.shape[0], out_channels) + tuple(sizes), np.float64)
    for offset in np.ndindex(*kernel):
        window = tuple(slice(offset[i] * dilation[i], offset[i] * dilation[i] + (sizes[i] - 1) * window_strides[i] + 1,
                             window_strides[i]) for i in range(ndim))
        for g in range(groups):
            part = x[(slice(None), slice(g * per_group_in, (g + 1) * per_group_in)) + window]
            weights = rhs[offset + (slice(None), slice(g * per_group_out, (g + 1) * per_group_out))]
            y[:, g * per_group_out:(g + 1) * per_group_out] += np.einsum("nc...,co->no...", part, weights)
    return y.astype(lhs.dtype)


def fake_modules():
    jax = types.ModuleType("jax")
    jax.lax = types.SimpleNamespace(conv_general_dilated=conv_general_dilated, scan=scan)
    jax.tree = types.SimpleNamespace(map=tree_map)
    jax.nn = types.SimpleNamespace(softmax=softmax, log_softmax=log_softmax, sigmoid=sigmoid, relu=relu)
    jax.numpy = np
    optax = types.ModuleType("optax")
    optax.GradientTransformation = collections.namedtuple("GradientTransformation", ["init", "update"])
    return {"jax": jax, "jax.numpy": np, "jax.lax": jax.lax, "optax": optax}


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
