"""An in-place method called at once on a new tensor is an expression: nothing else holds the tensor."""
from typing import List

import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


def cell_sizes(extent: int, counts: List[int]) -> List[jax.Array]:
    return [jnp.full_like(jnp.empty((), dtype=jnp.int64), extent // c) for c in counts]


def shared(values: jax.Array, data):
    # switcheroo: SWR3003 .fill_(...) changes its receiver in place; only a statement of its own or a...
    flat = jnp.reshape(values, (-1,)).fill_(0.0)
    # switcheroo: SWR3003 .fill_(...) changes its receiver in place; only a statement of its own or a...
    wrapped = jnp.asarray(data).fill_(1.0)
    return flat, wrapped


class Jitter(nn.Module):
    width: int
    choices: List[int]

    def setup(self) -> None:
        width = self.width
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def pick(self) -> int:
        return self.choices[
            int(
                jax.random.uniform(
                    self.make_rng("noise"),
                    jnp.zeros((1,)).shape,
                    jnp.zeros((1,)).dtype,
                    0.0,
                    float(len(self.choices)),
                ).item()
            )
        ]

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.proj(x) * self.pick()
