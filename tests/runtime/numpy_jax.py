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
    jax.lax = types.SimpleNamespace(conv_general_dilated=conv_general_dilated)
    jax.tree = types.SimpleNamespace(map=tree_map)
    jax.nn = types.SimpleNamespace(softmax=softmax, log_softmax=log_softmax)
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
