# Transposed convolutions shaped as torch's conv.py: the subclasses rebind their arguments
# (size = _pair(size)) before passing them, through a class that passes them on unchanged, to the base
# that stores them; the fields hold the arguments and the hierarchy reads torch's values through
# properties on the base. F.conv_transpose1d/2d keep torch's weight layout (in, out / groups, *k).
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.utils import _single, _pair


class _Spread(nn.Module):
    def __init__(self, channels, features, size, stride, padding, dilation, transposed, extra, groups, bias):
        super().__init__()
        if channels % groups != 0 or features % groups != 0:
            raise ValueError("channels and features must be divisible by groups")
        self.channels = channels
        self.features = features
        self.size = size
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.transposed = transposed
        self.extra = extra
        self.groups = groups
        if transposed:
            shape = (channels, features // groups, *size)
        else:
            shape = (features, channels // groups, *size)
        self.weight = nn.Parameter(torch.ones(shape))
        if bias:
            self.bias = nn.Parameter(torch.zeros(features))
        else:
            self.register_parameter("bias", None)

    def settings(self):
        return self.size, self.stride, self.padding, self.dilation, self.extra


class _Transposed(_Spread):
    def __init__(self, channels, features, size, stride, padding, dilation, transposed, extra, groups, bias):
        super().__init__(channels, features, size, stride, padding, dilation, transposed, extra, groups, bias)

    def _extra_for(self, input, output_size):
        # The output padding that gives output_size, as torch's _output_padding computes it.
        if output_size is None:
            return _single(self.extra)
        smallest = [(input.shape[d + 2] - 1) * self.stride[d] - 2 * self.padding[d] + self.dilation[d] * (self.size[d] - 1) + 1
                    for d in range(len(self.size))]
        return [wanted - low for wanted, low in zip(output_size[-len(self.size):], smallest)]


class Spread1d(_Transposed):
    def __init__(self, channels, features, size, stride=1, padding=0, extra=0, groups=1, bias=True, dilation=1):
        size = _single(size)
        stride = _single(stride)
        padding = _single(padding)
        dilation = _single(dilation)
        extra = _single(extra)
        super().__init__(channels, features, size, stride, padding, dilation, True, extra, groups, bias)

    def forward(self, input, output_size=None):
        extra = self._extra_for(input, output_size)
        return F.conv_transpose1d(input, self.weight, self.bias, self.stride, self.padding, extra, self.groups, self.dilation)


class Spread2d(_Transposed):
    def __init__(self, channels, features, size, stride=1, padding=0, extra=0, groups=1, bias=True, dilation=1):
        size = _pair(size)
        stride = _pair(stride)
        padding = _pair(padding)
        dilation = _pair(dilation)
        extra = _pair(extra)
        super(Spread2d, self).__init__(channels, features, size, stride, padding, dilation, True, extra, groups, bias)

    def forward(self, input, output_size=None):
        extra = self._extra_for(input, output_size)
        return F.conv_transpose2d(input, self.weight, self.bias, stride=self.stride, padding=self.padding,
                                  output_padding=extra, groups=self.groups, dilation=self.dilation)


# A convolution beside them, computing its values in locals (torch's Conv2d): the same properties.
class Gather2d(_Spread):
    def __init__(self, channels, features, size, stride=1):
        size_ = _pair(size)
        stride_ = _pair(stride)
        super().__init__(channels, features, size_, stride_, _pair(0), _pair(1), False, _pair(0), 1, True)

    def forward(self, input):
        return F.conv2d(input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)


# Kept and reported: it reads its rebound argument again after the base call.
class Remembering1d(_Transposed):
    def __init__(self, channels, features, size):
        size = _single(size)
        super().__init__(channels, features, size, _single(1), _single(0), _single(1), True, _single(0), 1, True)
        self.taps = size[0]

    def forward(self, input):
        return input * self.taps


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.spread = Spread2d(4, 6, 3, stride=2, padding=1, extra=1, groups=2)
        self.gather = Gather2d(6, 2, 3)

    def forward(self, x):
        return self.gather(self.spread(x))
