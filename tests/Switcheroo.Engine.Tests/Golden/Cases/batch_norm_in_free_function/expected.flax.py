"""Norm layers built in free functions whose layers a builder hands to a model."""
from typing import List

import jax
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


def conv_stack(widths: List[int], normed: bool) -> linen.Module:
    parts: List[linen.Module] = []
    channels = 1
    for width in widths:
        parts.append(
            switcheroo_runtime.ChannelsFirst(
                linen.Conv(
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
        parts.append(linen.relu)
        channels = width
    return linen.Sequential([*parts])


def projection(size: int) -> linen.Module:
    # switcheroo: SWR3003 torch.nn.BatchNorm1d converts when it is built inside a converted...
    return linen.Sequential(
        [
            linen.Dense(
                features=size,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(size),
            ),
            nn.BatchNorm1d(size, affine=False),
        ]
    )


class Tower(linen.Module):
    """Has a train flag (its dropout): the norm layers of its body follow it."""

    body: linen.Module
    head: linen.Module
    p: float = 0.1
    train: bool = True

    def setup(self) -> None:
        p = self.p
        self.drop = linen.Dropout(rate=p, deterministic=not self.train)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jnp.mean(self.body(x), axis=(2, 3))
        return self.head(self.drop(x))


class Probe(linen.Module):
    """No train flag: a norm layer given to it would have none to follow."""

    head: linen.Module

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.head(x)


def tower(normed: bool = True) -> Tower:
    return Tower(conv_stack([4, 8], normed), head=projection(8))


def probe() -> Probe:
    return Probe(projection(4))
