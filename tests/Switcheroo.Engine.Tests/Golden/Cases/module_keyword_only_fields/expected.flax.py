import typing
import dataclasses
import flax.linen as nn
import switcheroo_runtime


class Block(nn.Module):
    channels: typing.Any
    _: dataclasses.KW_ONLY
    groups: typing.Any
    bias: bool = True

    def setup(self):
        channels = self.channels
        groups = self.groups
        bias = self.bias
        self.conv = nn.Dense(
            features=channels * groups,
            use_bias=bias,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels),
        )

    def __call__(self, x):
        return self.conv(x)


class Gate(nn.Module):
    _: dataclasses.KW_ONLY
    width: typing.Any
    rate: float = 0.5
    train: bool = True

    def setup(self):
        width = self.width
        rate = self.rate
        self.fc = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.drop = nn.Dropout(rate=rate, deterministic=not self.train)

    def __call__(self, x):
        return self.drop(self.fc(x))


class Stack(nn.Module):
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
        self.out = nn.Dense(
            features=scale * extra,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels),
        )


# A field's default stands where no module is: the class follows the module that builds it.
class Normed(nn.Module):
    _: dataclasses.KW_ONLY
    width: typing.Any
    norm_layer: typing.Any = switcheroo_runtime.TorchBatchNorm
    train: bool = True

    def setup(self):
        width = self.width
        norm_layer = self.norm_layer
        self.norm = switcheroo_runtime.with_train(norm_layer, self.train)(width)

    def __call__(self, x):
        return self.norm(x)
