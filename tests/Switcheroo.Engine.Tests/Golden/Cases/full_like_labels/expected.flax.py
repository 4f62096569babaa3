"""torch.full_like is jnp.full_like: the input's shape, its dtype or the one given; the device goes."""
from typing import List, Tuple

import jax
import jax.numpy as jnp
import flax.linen as nn


def labelled(scores: List[jax.Array], device: str) -> Tuple[jax.Array, jax.Array]:
    labels = []
    for label, score in enumerate(scores):
        labels.append(jnp.full_like(score, label, dtype=jnp.int64))
    return jnp.concatenate(scores), jnp.concatenate(labels)


class Offset(nn.Module):
    value: float

    def __call__(self, x: jax.Array, counts: jax.Array) -> Tuple[jax.Array, jax.Array]:
        shifted = x + jnp.full_like(x, self.value)
        rounded = jnp.full_like(counts, 2.5)
        return shifted, rounded
