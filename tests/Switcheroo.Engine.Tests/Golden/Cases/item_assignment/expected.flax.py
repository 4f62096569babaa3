"""Writing into a tensor's items: a functional .at update where no other name sees the storage."""
import math

import typing
import jax.numpy as jnp
import flax.linen as nn


class SinusoidalTable(nn.Module):
    width: typing.Any
    length: int = 32

    def setup(self):
        width = self.width
        length = self.length
        table = jnp.zeros((length, width))
        steps = jnp.asarray(jnp.expand_dims(jnp.arange(0, length), 1), dtype=jnp.float32)
        rates = jnp.exp(
            jnp.asarray(jnp.arange(0, width, 2), dtype=jnp.float32) * (-math.log(1e4) / width)
        )
        table = table.at[:, 0::2].set(jnp.sin(steps * rates))
        table = table.at[:, 1::2].set(jnp.cos(steps * rates))
        self.table = self.variable("buffers", "table", lambda: table)

    def __call__(self, x):
        # switcheroo: SWR3003 item assignment into an array not converted: 'x' may be a caller's tensor...
        x[:, 0] = 0  # the caller's tensor: torch writes into it
        return x + self.table.value[: x.shape[1]]


def band(size, k, scale):
    grid = jnp.ones((size, size))
    grid = grid.at[:, :k].add(-1)
    grid = grid.at[k:, :].multiply(scale + 1)
    # switcheroo: SWR3003 item assignment into an array not converted: '//=' into an item has no JAX...
    grid[0, 0] //= 2
    return grid


def through_a_view(size):
    grid = jnp.zeros((size, size))
    row = grid[1]
    # switcheroo: SWR3003 item assignment into an array not converted: 'row' may be a view of 'grid'...
    row[0] = 5  # torch writes into grid too
    # switcheroo: SWR3003 item assignment into an array not converted: 'row' may be a view of 'grid'...
    grid[2] = 1  # and row would see this
    return grid, row
