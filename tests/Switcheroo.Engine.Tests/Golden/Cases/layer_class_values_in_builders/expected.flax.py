from functools import partial
from typing import Optional

import typing
import jax
import flax.linen as nn
import switcheroo_runtime

# a norm class chosen where no module is around: the module that builds it gives its train flag
DEFAULT_NORM = switcheroo_runtime.TorchBatchNorm


class Stem(nn.Module):
    c_in: typing.Any
    c_out: typing.Any
    norm_layer: typing.Any
    train: bool = True

    def setup(self):
        c_in = self.c_in
        c_out = self.c_out
        norm_layer = self.norm_layer
        self.conv = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=c_out,
                kernel_size=(3, 3),
                padding=1,
                use_bias=False,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(c_in, (3, 3)),
            )
        )
        self.norm = switcheroo_runtime.with_train(norm_layer, self.train)(c_out)

    def __call__(self, x):
        return jax.nn.relu(self.norm(self.conv(x)))


class Tower(nn.Module):
    widths: typing.Any
    norm_layer: typing.Any = None
    train: bool = True

    def setup(self):
        widths = self.widths
        norm_layer = self.norm_layer
        if norm_layer is None:
            norm_layer = DEFAULT_NORM
        self._norm = norm_layer
        self.stem = Stem(3, widths[0], norm_layer, train=self.train)
        self.proj = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=widths[-1],
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(widths[0], (1, 1)),
            )
        )
        self.last = self._norm(widths[-1])

    def __call__(self, x):
        return self.last(self.proj(self.stem(x)))


def tower_small(calibrated=False):
    norm_layer = partial(
        switcheroo_runtime.TorchBatchNorm, eps=1e-3, momentum=0.01
    ) if calibrated else switcheroo_runtime.TorchBatchNorm
    return Tower([16, 32], norm_layer=norm_layer)


def tower_plain(**kwargs):
    return Tower([8, 8], norm_layer=switcheroo_runtime.TorchBatchNorm, **kwargs)


class Head(nn.Module):
    # a constructor default is a field's default: the class stands there unbound too
    c: typing.Any
    norm_layer: typing.Any = switcheroo_runtime.TorchBatchNorm
    train: bool = True

    def setup(self):
        c = self.c
        norm_layer = self.norm_layer
        self.norm = switcheroo_runtime.with_train(norm_layer, self.train)(c)
        self.gain: Optional[jax.Array] = None

    def __call__(self, x):
        return self.norm(x)


def head_grouped(c):
    return Head(c, norm_layer=partial(switcheroo_runtime.group_norm_layer, 4))


def head_instance(c):
    return Head(c, norm_layer=switcheroo_runtime.instance_norm_layer)
