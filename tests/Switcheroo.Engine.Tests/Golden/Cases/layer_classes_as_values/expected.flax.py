from functools import partial
from typing import Callable, Optional

import typing
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Unit(linen.Module):
    c_in: typing.Any
    c_out: typing.Any
    norm_layer: Optional[Callable[..., linen.Module]] = None
    act_layer: typing.Any = None
    train: bool = True

    def setup(self):
        c_in = self.c_in
        c_out = self.c_out
        norm_layer = self.norm_layer
        act_layer = self.act_layer
        if norm_layer is None:
            norm_layer = switcheroo_runtime.batch_norm_layer(self.train)
        if act_layer is None:
            act_layer = switcheroo_runtime.activation_layer(linen.relu6)
        conv = switcheroo_runtime.conv_layer(2)
        self.conv = conv(c_in, c_out, kernel_size=3, padding=1, bias=False)
        self.norm = norm_layer(c_out)
        self.act = act_layer(inplace=True)

    def __call__(self, x):
        return self.act(self.norm(self.conv(x)))


class Tokens(linen.Module):
    dim: typing.Any
    heads_dim: int = 16
    train: bool = True

    def setup(self):
        dim = self.dim
        heads_dim = self.heads_dim
        norm = partial(switcheroo_runtime.layer_norm_layer, eps=1e-6)
        self.norm = norm(dim)
        self.proj = self._linear(switcheroo_runtime.linear_layer, dim, heads_dim)
        self.stats = switcheroo_runtime.batch_norm_layer(self.train)

    def _linear(self, layer, d_in, d_out):
        return switcheroo_runtime.with_train(layer, self.train)(d_in, d_out)

    def __call__(self, x):
        return self.proj(self.norm(x))


def frozen_norm(channels):
    # a class value outside any module follows the module that builds its layers
    return partial(switcheroo_runtime.TorchBatchNorm, momentum=0.01)


def uses_types(m: linen.Module) -> bool:
    # switcheroo: SWR3003 torch.nn.Conv2d in an isinstance/issubclass test is not converted: the...
    # switcheroo: SWR3003 torch.nn.Linear in an isinstance/issubclass test is not converted: the...
    return isinstance(m, (nn.Conv2d, nn.Linear))


def stage(width: int, stride: int = 1) -> linen.Module:
    first: linen.Module = switcheroo_runtime.ChannelsFirst(
        linen.Conv(
            features=width,
            kernel_size=(3, 3),
            strides=stride,
            padding=1,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width, (3, 3)),
        )
    )
    return linen.Sequential([first, linen.relu])
