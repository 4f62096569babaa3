"""torch.tensor_split by any of its overloads' names (indices=, sections=, positional) is jnp.array_split.

Token(4) on a (batch, seq, 4) input."""
from typing import Tuple

import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Token(nn.Module):
    width: int

    def setup(self) -> None:
        width = self.width
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x: jax.Array) -> Tuple[jax.Array, jax.Array]:
        head, rest = jnp.array_split(x, (1,), axis=1)
        parts = jnp.array_split(rest, 3, axis=2)
        left, right = jnp.array_split(self.proj(head), [2], axis=2)
        return jnp.concatenate(parts, axis=2), left - right
