"""Devices in annotations: the calls become device strings, so the annotation names str."""
from typing import Optional

import jax
import flax.linen as nn
import switcheroo_runtime


class Pair:
    def __init__(self, left: jax.Array, right: jax.Array) -> None:
        self.left = left
        self.right = right

    def moved(self, target: str) -> "Pair":
        return Pair(self.left, self.right)


def scaled(x: jax.Array, factor: float, where: str) -> jax.Array:
    return x * factor


def described(where: Optional[str] = None) -> str:
    return "default" if where is None else str(where)


class Head(nn.Module):
    width: int

    def setup(self) -> None:
        width = self.width
        self.proj = nn.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.proj(scaled(x, 0.5, "cpu"))
