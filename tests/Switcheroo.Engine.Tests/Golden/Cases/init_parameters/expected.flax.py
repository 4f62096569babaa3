import math

import typing
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Tokens(linen.Module):
    """Learned positions and a class token, drawn anew after they are built."""

    length: int = 16
    width: int = 32

    def setup(self):
        length = self.length
        width = self.width
        self.proj = linen.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.positions = self.param(
            "positions",
            switcheroo_runtime.param_init(
                switcheroo_runtime.torch_trunc_normal(0.02),
                lambda key: jnp.zeros((1, length, width)),
            ),
        )
        self.cls = self.param(
            "cls",
            switcheroo_runtime.param_init(
                switcheroo_runtime.torch_uniform(-0.1, 0.1), lambda key: jnp.zeros((1, 1, width))
            ),
        )
        # the last draw wins, as in torch
        self.gate = self.param(
            "gate",
            switcheroo_runtime.param_init(
                linen.initializers.constant(0.5), lambda key: jnp.ones(width)
            ),
        )

    def __call__(self, x):
        x = self.proj(x) * self.gate + self.positions[:, : x.shape[1]]
        return jnp.concatenate([self.cls + jnp.zeros_like(x[:, :1]), x], axis=1)


class Mixed(linen.Module):
    """What does not convert is reported and kept whole."""

    width: int = 8

    def setup(self):
        width = self.width
        self.mix = self.param(
            "mix",
            switcheroo_runtime.param_init(
                linen.initializers.variance_scaling(
                    1.0, "fan_avg", "uniform", in_axis=1, out_axis=0
                ),
                lambda key: jnp.empty((width, width)),
            ),
        )
        # torch's fans of a (width, width) tensor: dim 1 in, dim 0 out, a layout the parameter keeps
        self.bias = self.param("bias", lambda key: jnp.zeros(width))
        self.shift = self.bias + 1
        # switcheroo: SWR3015 torch.nn.init.normal_ not converted: 'self.shift = self.bias + 1' reads...
        nn.init.normal_(self.bias, std=0.1)

    def __call__(self, x):
        return x @ self.mix + self.bias + self.shift


class Head(linen.Module):
    """A bias from the constructor's argument, a table declared in a method the constructor calls."""

    features: typing.Any
    classes: typing.Any
    prior: float = 0.01

    def setup(self):
        features = self.features
        classes = self.classes
        self.logits = linen.Dense(
            features=classes,
            kernel_init=linen.initializers.normal(stddev=0.01),
            bias_init=linen.initializers.constant(-math.log((1 - self.prior) / self.prior)),
        )
        self._define_table()

    def _define_table(self):
        self.table = self.param(
            "table",
            switcheroo_runtime.param_init(
                switcheroo_runtime.torch_trunc_normal(0.02), lambda key: jnp.zeros((3, 4))
            ),
        )

    def __call__(self, x):
        return self.logits(x) + jnp.sum(self.table)
