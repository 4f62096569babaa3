import typing
import dataclasses
import jax
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


# **options goes whole to the convolution: every construction of the file passes kernel_size,
# and some stride or padding, so those become keyword-only fields with torch's defaults.
class ConvUnit(linen.Module):
    cin: int
    cout: int
    _: dataclasses.KW_ONLY
    kernel_size: typing.Any
    stride: int = 1
    padding: int = 0
    train: bool = True

    def setup(self) -> None:
        cin = self.cin
        cout = self.cout
        kernel_size = self.kernel_size
        stride = self.stride
        padding = self.padding
        self.conv = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=cout,
                kernel_size=switcheroo_runtime.size_tuple(kernel_size, 2),
                strides=stride,
                padding=padding,
                use_bias=False,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(
                    cin, switcheroo_runtime.size_tuple(kernel_size, 2)
                ),
            )
        )
        self.norm = switcheroo_runtime.BatchNorm(use_running_average=not self.train)

    def __call__(self, x):
        return jax.nn.relu(self.norm(self.conv(x)))


# Built by name, and through a name bound to the class where none is given.
class Stem(linen.Module):
    width: int = 16
    unit: typing.Any = None
    train: bool = True

    def setup(self):
        width = self.width
        unit = self.unit
        if unit is None:
            unit = ConvUnit
        self.first = ConvUnit(3, width, kernel_size=3, stride=2, train=self.train)
        self.second = switcheroo_runtime.with_train(unit, self.train)(
            width, width, kernel_size=(1, 3), padding=(0, 1)
        )

    def __call__(self, x):
        return self.second(self.first(x))


# Blocks given as a list: an item of it builds the units.
class Tower(linen.Module):
    blocks: typing.Any = None
    train: bool = True

    def setup(self):
        blocks = self.blocks
        if blocks is None:
            blocks = [ConvUnit, Stem]
        unit = blocks[0]
        stem = blocks[1]
        self.stem = switcheroo_runtime.with_train(stem, self.train)(8)
        self.head = switcheroo_runtime.with_train(unit, self.train)(8, 4, kernel_size=1)

    def __call__(self, x):
        return self.head(self.stem(x))


# Read as well as forwarded: no field can stand for what it holds.
# switcheroo: SWR3006 class Logged is not converted to a Flax module: its constructor reads...
class Logged(nn.Module):
    def __init__(self, width, **options):
        super().__init__()
        self.options = options
        self.fc = nn.Linear(width, width, **options)

    def forward(self, x):
        return self.fc(x)


# A keyword the layer does not take: torch would fail; the class stays as it is.
# switcheroo: SWR3006 class Odd is not converted to a Flax module: its constructor passes...
class Odd(nn.Module):
    def __init__(self, width, **options):
        super().__init__()
        self.fc = nn.Linear(width, width, **options)

    def forward(self, x):
        return self.fc(x)


def odd():
    return Odd(4, scale=2)


# Forwarded keywords that could be named, in a class that does not convert for another reason (it
# reads its *args): it stays exactly as written.
# switcheroo: SWR3006 class Widened is not converted to a Flax module: its constructor reads...
class Widened(nn.Module):
    def __init__(self, width, *extra, **options):
        super().__init__()
        self.fc = nn.Linear(width + sum(extra), width, **options)

    def forward(self, x):
        return self.fc(x)


def widened():
    return Widened(4, 2, bias=False)
