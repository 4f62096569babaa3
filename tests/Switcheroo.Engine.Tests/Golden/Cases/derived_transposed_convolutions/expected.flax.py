# Transposed convolutions shaped as torch's conv.py: the subclasses rebind their arguments
# (size = _pair(size)) before passing them, through a class that passes them on unchanged, to the base
# that stores them; the fields hold the arguments and the hierarchy reads torch's values through
# properties on the base. F.conv_transpose1d/2d keep torch's weight layout (in, out / groups, *k).
import typing
import dataclasses
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
from torch.nn.modules.utils import _single


class _Spread(nn.Module):
    channels: typing.Any
    features: typing.Any
    size: typing.Any
    stride: typing.Any
    padding: typing.Any
    dilation: typing.Any
    transposed: typing.Any
    extra: typing.Any
    groups: typing.Any
    bias: typing.Any

    def setup(self):
        channels = self.channels
        features = self.features
        size = self.size_
        transposed = self.transposed
        groups = self.groups
        bias = self.bias
        if channels % groups != 0 or features % groups != 0:
            raise ValueError("channels and features must be divisible by groups")
        if transposed:
            shape = (channels, features // groups, *size)
        else:
            shape = (features, channels // groups, *size)
        self.weight = self.param("weight", lambda key: jnp.ones(shape))
        if bias:
            self.bias_ = self.param("bias", lambda key: jnp.zeros(features))
        else:
            self.bias_ = None

    def settings(self):
        return self.size_, self.stride_, self.padding_, self.dilation_, self.extra_

    @property
    def size_(self):
        return self.size

    @property
    def stride_(self):
        return self.stride

    @property
    def padding_(self):
        return self.padding

    @property
    def dilation_(self):
        return self.dilation

    @property
    def extra_(self):
        return self.extra


class _Transposed(_Spread):

    def _extra_for(self, input, output_size):
        # The output padding that gives output_size, as torch's _output_padding computes it.
        if output_size is None:
            return switcheroo_runtime.as_ntuple(self.extra_, n=1)
        smallest = [(input.shape[d + 2] - 1) * self.stride_[d] - 2 * self.padding_[d] + self.dilation_[d] * (self.size_[d] - 1) + 1
                    for d in range(len(self.size_))]
        return [wanted - low for wanted, low in zip(output_size[-len(self.size_):], smallest)]


class Spread1d(_Transposed):
    stride: int = 1
    padding: int = 0
    extra: int = 0
    groups: int = 1
    bias: bool = True
    _: dataclasses.KW_ONLY
    dilation: int = 1
    transposed: typing.Any = True

    def __call__(self, input, output_size=None):
        extra = self._extra_for(input, output_size)
        return switcheroo_runtime.conv_transpose1d(
            input,
            self.weight,
            bias=self.bias_,
            stride=self.stride_,
            padding=self.padding_,
            output_padding=extra,
            groups=self.groups,
            dilation=self.dilation_,
        )

    @property
    def size_(self):
        size = self.size
        return switcheroo_runtime.as_ntuple(size, n=1)

    @property
    def stride_(self):
        stride = self.stride
        return switcheroo_runtime.as_ntuple(stride, n=1)

    @property
    def padding_(self):
        padding = self.padding
        return switcheroo_runtime.as_ntuple(padding, n=1)

    @property
    def dilation_(self):
        dilation = self.dilation
        return switcheroo_runtime.as_ntuple(dilation, n=1)

    @property
    def extra_(self):
        extra = self.extra
        return switcheroo_runtime.as_ntuple(extra, n=1)


class Spread2d(_Transposed):
    stride: int = 1
    padding: int = 0
    extra: int = 0
    groups: int = 1
    bias: bool = True
    _: dataclasses.KW_ONLY
    dilation: int = 1
    transposed: typing.Any = True

    def __call__(self, input, output_size=None):
        extra = self._extra_for(input, output_size)
        return switcheroo_runtime.conv_transpose2d(input, self.weight, bias=self.bias_, stride=self.stride_, padding=self.padding_,
                                  output_padding=extra, groups=self.groups, dilation=self.dilation_)

    @property
    def size_(self):
        size = self.size
        return switcheroo_runtime.as_ntuple(size, n=2)

    @property
    def stride_(self):
        stride = self.stride
        return switcheroo_runtime.as_ntuple(stride, n=2)

    @property
    def padding_(self):
        padding = self.padding
        return switcheroo_runtime.as_ntuple(padding, n=2)

    @property
    def dilation_(self):
        dilation = self.dilation
        return switcheroo_runtime.as_ntuple(dilation, n=2)

    @property
    def extra_(self):
        extra = self.extra
        return switcheroo_runtime.as_ntuple(extra, n=2)


# A convolution beside them, computing its values in locals (torch's Conv2d): the same properties.
class Gather2d(_Spread):
    stride: int = 1
    _: dataclasses.KW_ONLY
    padding: typing.Any = switcheroo_runtime.as_ntuple(0, n=2)
    dilation: typing.Any = switcheroo_runtime.as_ntuple(1, n=2)
    transposed: typing.Any = False
    extra: typing.Any = switcheroo_runtime.as_ntuple(0, n=2)
    groups: typing.Any = 1
    bias: typing.Any = True

    def __call__(self, input):
        return switcheroo_runtime.conv2d(
            input,
            self.weight,
            bias=self.bias_,
            stride=self.stride_,
            padding=self.padding_,
            dilation=self.dilation_,
            groups=self.groups,
        )

    @property
    def size_(self):
        size = self.size
        return switcheroo_runtime.as_ntuple(size, n=2)

    @property
    def stride_(self):
        stride = self.stride
        return switcheroo_runtime.as_ntuple(stride, n=2)


# Kept and reported: it reads its rebound argument again after the base call.
# switcheroo: SWR3006 class Remembering1d is not converted to a Flax module: it derives from the...
class Remembering1d(_Transposed):
    def __init__(self, channels, features, size):
        size = _single(size)
        super().__init__(channels, features, size, _single(1), _single(0), _single(1), True, _single(0), 1, True)
        self.taps = size[0]

    def forward(self, input):
        return input * self.taps


class Decoder(nn.Module):
    def setup(self):
        self.spread = Spread2d(4, 6, 3, stride=2, padding=1, extra=1, groups=2)
        self.gather = Gather2d(6, 2, 3)

    def __call__(self, x):
        return self.gather(self.spread(x))
