"""Tensor facts across a class hierarchy: overrides called from their base, registered buffers, tuple annotations, TorchScript markers."""
from typing import Dict, Tuple

import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class _Scaler(nn.Module):
    width: int

    def setup(self):
        width = self.width
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.shift = self.variable("buffers", "shift", lambda: jnp.zeros(width))

    def _validate(self, inputs):
        raise NotImplementedError

    def _rank(self):
        raise NotImplementedError

    def __call__(self, x):
        # each subclass's _validate receives this tensor
        self._validate(x)
        # a registered buffer is the tensor it was registered with
        centred = x - jnp.mean(self.shift.value)
        return self.proj(centred)


class Scaler1d(_Scaler):
    def _rank(self):
        return 2

    def _validate(self, inputs):
        if inputs.ndim != self._rank():
            raise ValueError(f"expected a {self._rank()}D input, got {inputs.ndim}D")


class Scaler3d(_Scaler):
    def _rank(self):
        return 4

    def _validate(self, inputs):
        if inputs.ndim != self._rank() or inputs.shape[-1] != self.width:
            raise ValueError("expected (N, C, H, width) inputs")


def combine(pair: Tuple[jax.Array, jax.Array], extras: Tuple[jax.Array, ...]) -> jax.Array:
    # the items of an annotated tuple are tensors
    first, second = pair
    total = jnp.swapaxes(first, 0, 1) + jnp.swapaxes(second, 0, 1)
    for extra in extras:
        total = total + jnp.swapaxes(extra, 0, 1)
    return total


def describe(entry: Tuple[jax.Array, Dict[str, jax.Array]]):
    features, named = entry
    # the dict's values are not known to be tensors
    # switcheroo: SWR3005 .flatten(...) may be torch.Tensor.flatten, but 'named["boxes"]' is not...
    return jnp.reshape(features, features.shape[:1] + (-1,)), named["boxes"].flatten(1)


def _leading_rows(rows, count: int):
    # a TorchScript marker changes nothing in Python: every call passes a tensor
    return jnp.swapaxes(rows[:count], 0, 1)


def leading_half(x: jax.Array) -> jax.Array:
    return _leading_rows(x, x.shape[0] // 2)


def pick(scores: jax.Array, index: jax.Array) -> jax.Array:
    # gather is reported, not converted; what it returns is still a tensor
    # switcheroo: SWR3002 torch.Tensor.gather is not converted: torch takes an index smaller than the...
    return jnp.squeeze(scores.gather(1, index), 1)
