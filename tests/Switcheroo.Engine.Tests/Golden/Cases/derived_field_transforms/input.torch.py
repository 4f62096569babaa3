# Subclasses that pass their base values computed from their own arguments (torch's Conv1d/2d passing
# _ConvNd kernel_size_ = _single(kernel_size)): the fields hold the arguments, and the hierarchy reads
# torch's values through properties; a constant of a mapped function (_pair(0)) is a field default.
# The base fills a list item by item (torch's _ConvNd): built in a local, assigned once.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.utils import _pair, _single, _reverse_repeat_tuple


class _Smooth(nn.Module):
    def __init__(self, channels, size, stride, padding, offset, mode, scale=1.0):
        super().__init__()
        if mode not in ("zeros", "reflect", "replicate", "circular"):
            raise ValueError("unknown padding mode")
        self.channels = channels
        self.size = size
        self.stride = stride
        self.padding = padding
        self.offset = offset
        self.mode = mode
        self.scale = scale
        self.taps = len(size)
        if isinstance(self.padding, str):
            # 'same' pads (kernel - 1) in all, the odd one at the end; F.pad lists the last axis first.
            self._pads = [0, 0] * len(size)
            if padding == "same":
                for i, k in enumerate(reversed(size)):
                    self._pads[2 * i] = (k - 1) // 2
                    self._pads[2 * i + 1] = k - 1 - (k - 1) // 2
        else:
            self._pads = _reverse_repeat_tuple(self.padding, 2)

    def extra(self):
        return self.size, self.stride, self.offset


class Smooth1d(_Smooth):
    def __init__(self, channels, size, stride=1, padding=0, mode="zeros", scale=1.0):
        size_ = _single(size)
        stride_ = _single(stride)
        padding_ = padding if isinstance(padding, str) else _single(padding)
        super().__init__(channels, size_, stride_, padding_, _single(0), mode, scale)

    def forward(self, x):
        weight = torch.ones((self.channels, 1) + self.size) * self.scale / self.size[0]
        if self.mode != "zeros":
            x = F.pad(x, self._pads, mode=self.mode)
            return F.conv1d(x, weight, None, self.stride, 0, 1, self.channels)
        return F.conv1d(x, weight, None, self.stride, self.padding, 1, self.channels)


class Smooth2d(_Smooth):
    def __init__(self, channels, size, stride=1, padding=0, mode="zeros", scale=1.0):
        factory = {"scale": scale}
        size_ = _pair(size)
        stride_ = _pair(stride)
        padding_ = padding if isinstance(padding, str) else _pair(padding)
        super(Smooth2d, self).__init__(channels, size_, stride_, padding_, _pair(0), mode, **factory)

    def forward(self, x):
        weight = torch.ones((self.channels, 1) + self.size) * self.scale / (self.size[0] * self.size[1])
        if self.mode != "zeros":
            return F.conv2d(F.pad(x, self._pads, mode=self.mode), weight, None, self.stride, 0, 1, self.channels)
        return F.conv2d(x, weight, None, self.stride, self.padding, 1, self.channels)


# Kept and reported: its local is read again after the base call, so it cannot be the property alone.
class Wide2d(_Smooth):
    def __init__(self, channels, size, stride=1):
        size_ = _pair(size)
        super().__init__(channels, size_, _pair(stride), _pair(0), _pair(0), "zeros")
        self.area = size_[0] * size_[1]

    def forward(self, x):
        return x * self.area
