"""dtype annotations become jax.numpy.dtype; a class test against torch.dtype is reported."""
from typing import List, Optional

import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
import torch


def offsets(count: int, dtype: jnp.dtype = jnp.float32) -> jax.Array:
    return jnp.arange(count, dtype=dtype) * 0.5


def widened(values: List[jax.Array], dtype: jnp.dtype, spare: Optional[jnp.dtype] = None) -> List[
    jax.Array
]:
    return [v.astype(dtype) for v in values] if spare is None else values


def is_dtype(value) -> bool:
    # switcheroo: SWR3002 torch.dtype is not converted: JAX's dtypes (jax.numpy.float32) are numpy...
    return isinstance(value, torch.dtype)


class Shift(nn.Module):
    width: int

    def setup(self) -> None:
        width = self.width
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x: jax.Array) -> jax.Array:
        kind: jnp.dtype = x.dtype
        return self.proj(x) + offsets(x.shape[-1], kind)
