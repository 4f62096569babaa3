# Subclasses that pass their base other defaults beside *args, **kwargs (torchvision's quantizable
# models: super().__init__(*args, conv_block=QuantizableConv, **kwargs)).
import torch
import torch.nn as nn


class Conv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        return torch.relu(self.conv(x))


class Block(nn.Module):
    def __init__(self, cin, cout, conv_block=None, scales=None, scale=1.0):
        super().__init__()
        if conv_block is None:
            conv_block = Conv
        if scales is None:
            scales = [1.0, 1.0]
        self.first = conv_block(cin, cout)
        self.second = conv_block(cout, cout)
        self.scales = scales
        self.scale = scale

    def forward(self, x):
        return self.second(self.first(x) * self.scales[0]) * self.scales[1] * self.scale


class WideConv(Conv):
    pass


# The field conv_block takes the class as its default, in Block's place; the new layer is set up after Block's.
class ConvBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, conv_block=WideConv, **kwargs)
        self.extra = nn.ReLU()

    def forward(self, x):
        return self.extra(super().forward(x))


# A list becomes the tuple of its items (a dataclass field cannot default to a list).
class HalfBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(scales=[0.5, 0.5], *args, **kwargs)


# Reported: LaterConv is defined after the class, and a field's default is evaluated where the class is.
class LateBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, conv_block=LaterConv, **kwargs)


# Reported: torch builds a new list at each construction.
class BuiltBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, scales=list((0.5, 2.0)), **kwargs)


# Reported: a dataclass field cannot default to a dict.
class KeyedBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, scales={0: 0.5, 1: 2.0}, **kwargs)


# Reported: width is no field of Block.
class WidthBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, width=4, **kwargs)


# Reported: a default for cin would precede cout, which has none.
class FromThree(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(cin=3, *args, **kwargs)


class LaterConv(Conv):
    pass


class LinearConv(nn.Linear):
    pass


# Reported: LinearConv stays torch code (a Flax layer is no base), which the Flax Block cannot build.
class LinearBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, conv_block=LinearConv, **kwargs)


model = ConvBlock(3, 8)
half = HalfBlock(3, 8, scale=2.0)
