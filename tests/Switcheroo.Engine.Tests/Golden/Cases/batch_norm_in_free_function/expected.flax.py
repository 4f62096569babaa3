"""Norm layers built in free functions whose layers a builder hands to a model."""
from typing import List

import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


def conv_stack(widths: List[int], normed: bool) -> nn.Module:
    parts: List[nn.Module] = []
    channels = 1
    for width in widths:
        parts.append(
            switcheroo_runtime.ChannelsFirst(
                nn.Conv(
                    features=width,
                    kernel_size=(3, 3),
                    padding=1,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
                )
            )
        )
        if normed:
            parts.append(switcheroo_runtime.TorchBatchNorm(width, 1e-3, momentum=0.2))
        parts.append(nn.relu)
        channels = width
    return nn.Sequential([*parts])


def projection(size: int) -> nn.Module:
    return nn.Sequential(
        [
            nn.Dense(
                features=size,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(size),
            ),
            switcheroo_runtime.TorchBatchNorm(size, affine=False),
        ]
    )


class Tower(nn.Module):
    """Has a train flag (its dropout): the norm layers of its body follow it."""

    body: nn.Module
    head: nn.Module
    p: float = 0.1
    train: bool = True

    def setup(self) -> None:
        p = self.p
        self.drop = nn.Dropout(rate=p, deterministic=not self.train)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jnp.mean(self.body(x), axis=(2, 3))
        return self.head(self.drop(x))


class Probe(nn.Module):
    """Nothing of its own follows the mode: the norm layer it is given gives it a train flag."""

    head: nn.Module
    train: bool = True

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.head(x)


def tower(normed: bool = True) -> Tower:
    return Tower(conv_stack([4, 8], normed), head=projection(8))


def probe() -> Probe:
    return Probe(projection(4))
