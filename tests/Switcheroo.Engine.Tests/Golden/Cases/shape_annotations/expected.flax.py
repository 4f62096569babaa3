"""torch.Size as a type (an annotation, an item of a typing alias) becomes tuple; as a value it is reported."""
from typing import Dict, List, Optional, Tuple, Union

import jax
import jax.numpy as jnp
import flax.linen as nn
import torch

SizeLike = Union[int, List[int], tuple]
Grid = Dict[str, Tuple[tuple, Optional[jnp.dtype]]]


def as_tuple(size: SizeLike) -> Tuple[int, ...]:
    return (size,) if isinstance(size, int) else tuple(size)


def is_shape(value) -> bool:
    # switcheroo: SWR3002 torch.Size is not converted: a JAX array's shape is a plain tuple of ints...
    return isinstance(value, torch.Size)


def square(side: int) -> tuple:
    # switcheroo: SWR3002 torch.Size is not converted: a JAX array's shape is a plain tuple of ints...
    return torch.Size([side, side])


class Scale(nn.Module):
    shape: SizeLike
    kept: Optional[tuple] = None

    def setup(self) -> None:
        shape = self.shape
        self.normalized = as_tuple(shape)
        self.scale = self.param("scale", lambda key: jnp.ones(self.normalized))

    def __call__(self, x: jax.Array) -> jax.Array:
        dims: tuple = x.shape
        return x * self.scale if dims[-len(self.normalized):] == self.normalized else x
