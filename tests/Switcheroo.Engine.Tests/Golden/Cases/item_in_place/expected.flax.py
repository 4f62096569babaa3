"""In-place methods on an item of a tensor set it with .at[...].set; copy_ casts and broadcasts as torch does."""
from typing import List

import jax
import jax.numpy as jnp


def padded_batch(parts: List[jax.Array], height: int, width: int) -> jax.Array:
    batch = jnp.full([len(parts), parts[0].shape[0], height, width], 0, dtype=parts[0].dtype)
    for k in range(len(parts)):
        part = parts[k]
        batch = batch.at[k, :, : part.shape[1], : part.shape[2]].set(
            jnp.broadcast_to(
                jnp.asarray(part, dtype=batch[k, :, : part.shape[1], : part.shape[2]].dtype),
                batch[k, :, : part.shape[1], : part.shape[2]].shape,
            )
        )
    return batch


def refreshed(table: jax.Array, row: jax.Array, fill: float) -> jax.Array:
    table = table.at[0].set(table[0] + row)
    table = table.at[1:].set(table[1:] * fill)
    table = jnp.broadcast_to(jnp.asarray(row, dtype=table.dtype), table.shape)
    return table
