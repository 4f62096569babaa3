# Subclasses that pass their base other defaults beside *args, **kwargs (torchvision's quantizable
# models: super().__init__(*args, conv_block=QuantizableConv, **kwargs)).
import typing
import jax
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Conv(linen.Module):
    cin: typing.Any
    cout: typing.Any

    def setup(self):
        cin = self.cin
        cout = self.cout
        self.conv = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=cout,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(cin, (3, 3)),
            )
        )

    def __call__(self, x):
        return jax.nn.relu(self.conv(x))


class Block(linen.Module):
    cin: typing.Any
    cout: typing.Any
    conv_block: typing.Any = None
    scales: typing.Any = None
    scale: float = 1.0
    train: bool = True

    def setup(self):
        cin = self.cin
        cout = self.cout
        conv_block = self.conv_block
        scales = self.scales
        if conv_block is None:
            conv_block = Conv
        if scales is None:
            scales = [1.0, 1.0]
        self.first = switcheroo_runtime.with_train(conv_block, self.train)(cin, cout)
        self.second = switcheroo_runtime.with_train(conv_block, self.train)(cout, cout)
        self.scales_ = scales

    def __call__(self, x):
        return self.second(self.first(x) * self.scales_[0]) * self.scales_[1] * self.scale


class WideConv(Conv):
    pass


# The field conv_block takes the class as its default, in Block's place; the new layer is set up after Block's.
class ConvBlock(Block):
    conv_block: typing.Any = WideConv

    def setup(self):
        super().setup()
        self.extra = linen.relu

    def __call__(self, x):
        return self.extra(super().__call__(x))


# A list becomes the tuple of its items (a dataclass field cannot default to a list).
class HalfBlock(Block):
    scales: typing.Any = (0.5, 0.5)


# Reported: LaterConv is defined after the class, and a field's default is evaluated where the class is.
# switcheroo: SWR3006 class LateBlock is not converted to a Flax module: it derives from the...
class LateBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, conv_block=LaterConv, **kwargs)


# Reported: torch builds a new list at each construction.
# switcheroo: SWR3006 class BuiltBlock is not converted to a Flax module: it derives from the...
class BuiltBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, scales=list((0.5, 2.0)), **kwargs)


# Reported: a dataclass field cannot default to a dict.
# switcheroo: SWR3006 class KeyedBlock is not converted to a Flax module: it derives from the...
class KeyedBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, scales={0: 0.5, 1: 2.0}, **kwargs)


# Reported: width is no field of Block.
# switcheroo: SWR3006 class WidthBlock is not converted to a Flax module: it derives from the...
class WidthBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, width=4, **kwargs)


# Reported: a default for cin would precede cout, which has none.
# switcheroo: SWR3006 class FromThree is not converted to a Flax module: it derives from the...
class FromThree(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(cin=3, *args, **kwargs)


class LaterConv(Conv):
    pass


# switcheroo: SWR3006 class LinearConv derives from torch.nn.Linear, and a Flax layer is no base...
class LinearConv(nn.Linear):
    pass


# Reported: LinearConv stays torch code (a Flax layer is no base), which the Flax Block cannot build.
# switcheroo: SWR3006 class LinearBlock is not converted to a Flax module: it derives from the...
class LinearBlock(Block):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, conv_block=LinearConv, **kwargs)


model = ConvBlock(3, 8)
half = HalfBlock(3, 8, scale=2.0)
