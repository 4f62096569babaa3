import typing
import dataclasses
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Block(linen.Module):
    channels: typing.Any
    _: dataclasses.KW_ONLY
    groups: typing.Any
    bias: bool = True

    def setup(self):
        channels = self.channels
        groups = self.groups
        bias = self.bias
        self.conv = linen.Dense(
            features=channels * groups,
            use_bias=bias,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels),
        )

    def __call__(self, x):
        return self.conv(x)


class Gate(linen.Module):
    _: dataclasses.KW_ONLY
    width: typing.Any
    rate: float = 0.5
    train: bool = True

    def setup(self):
        width = self.width
        rate = self.rate
        self.fc = linen.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.drop = linen.Dropout(rate=rate, deterministic=not self.train)

    def __call__(self, x):
        return self.drop(self.fc(x))


class Stack(linen.Module):
    channels: int = 4
    _: dataclasses.KW_ONLY
    depth: typing.Any
    train: bool = True

    def setup(self):
        channels = self.channels
        depth = self.depth
        self.blocks = [Block(channels, groups=1) for _ in range(depth)]
        self.gate = Gate(width=channels, train=self.train)

    def __call__(self, x):
        for block in self.blocks:
            x = block(x)
        return self.gate(x)


class WideBlock(Block):
    scale: int = 2
    _: dataclasses.KW_ONLY
    bias: bool = False
    extra: int = 1

    def setup(self):
        super().setup()
        channels = self.channels
        scale = self.scale
        extra = self.extra
        self.out = linen.Dense(
            features=scale * extra,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels),
        )


# A field's default has no module around it to take the train flag from.
# switcheroo: SWR3006 class Normed is not converted to a Flax module: its constructor argument...
class Normed(nn.Module):
    def __init__(self, *, width, norm_layer=nn.BatchNorm1d):
        super().__init__()
        self.norm = norm_layer(width)

    def forward(self, x):
        return self.norm(x)
