from typing import List

import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Router(nn.Module):
    """Creation from a tensor's dtype, clip, nonzero and typename (issue 12's small maps)."""

    width: int

    def setup(self):
        width = self.width
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x: jax.Array, labels: jax.Array) -> jax.Array:
        scores = jnp.clip(self.proj(x), min=-3.0, max=3.0)
        scores = jnp.clip(scores, min=0.0)
        bias = jnp.zeros_like(x, shape=(x.shape[0], self.width))
        wide = jnp.ones_like(x, shape=(2, self.width), dtype=jnp.float64)
        slots = jnp.zeros_like(labels, shape=x.shape[0])
        weights = jnp.asarray([0.25, 4.0], dtype=x.dtype)
        counts = jnp.asarray([1, 2, 3], dtype=jnp.int32)
        return scores + bias + jnp.sum(wide) + jnp.sum(slots) + weights[1] + jnp.sum(counts)


def positives(scores: jax.Array, labels: jax.Array):
    where = jnp.argwhere(scores > 0.5)
    rows, cols = jnp.nonzero(scores > 0.5)
    hits = jnp.argwhere(labels)
    spread = jnp.nonzero(labels)
    return where, rows, cols, hits, spread


def describe(value, scores: jax.Array) -> str:
    return switcheroo_runtime.typename(value) + " " + switcheroo_runtime.typename(scores)


def sizes_of(scores: jax.Array) -> List[int]:
    sizes = []
    for size in scores.shape:
        sizes.append(size)
    return sizes


def not_converted(x: jax.Array, shape, flag: bool, layout):
    # switcheroo: SWR3003 torch.Tensor.new_zeros(...) not converted: argument 'layout=layout' has no...
    sparse = x.new_zeros(3, layout=layout)
    # switcheroo: SWR3003 torch.Tensor.nonzero(...) not converted: the value of 'as_tuple' (flag) has...
    picked = x.nonzero(as_tuple=flag)
    # switcheroo: SWR3003 torch.Tensor.new_ones(...) not converted: expected the sizes as positional...
    made = x.new_ones(size=shape)
    return sparse, picked, made
