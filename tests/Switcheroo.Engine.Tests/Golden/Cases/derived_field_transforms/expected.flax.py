# Subclasses that pass their base values computed from their own arguments (torch's Conv1d/2d passing
# _ConvNd kernel_size_ = _single(kernel_size)): the fields hold the arguments, and the hierarchy reads
# torch's values through properties; a constant of a mapped function (_pair(0)) is a field default.
# The base fills a list item by item (torch's _ConvNd): built in a local, assigned once.
import typing
import dataclasses
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
from torch.nn.modules.utils import _pair


class _Smooth(nn.Module):
    channels: typing.Any
    size: typing.Any
    stride: typing.Any
    padding: typing.Any
    offset: typing.Any
    mode: typing.Any
    scale: float = 1.0

    def setup(self):
        size = self.size_
        padding = self.padding_
        mode = self.mode
        if mode not in ("zeros", "reflect", "replicate", "circular"):
            raise ValueError("unknown padding mode")
        self.taps = len(size)
        if isinstance(self.padding_, str):
            # 'same' pads (kernel - 1) in all, the odd one at the end; F.pad lists the last axis first.
            _pads = [0, 0] * len(size)
            if padding == "same":
                for i, k in enumerate(reversed(size)):
                    _pads[2 * i] = (k - 1) // 2
                    _pads[2 * i + 1] = k - 1 - (k - 1) // 2
            self._pads = _pads
        else:
            self._pads = switcheroo_runtime.reverse_repeat_tuple(self.padding_, 2)

    def extra(self):
        return self.size_, self.stride_, self.offset

    @property
    def size_(self):
        return self.size

    @property
    def stride_(self):
        return self.stride

    @property
    def padding_(self):
        return self.padding


class Smooth1d(_Smooth):
    stride: int = 1
    padding: int = 0
    mode: str = "zeros"
    _: dataclasses.KW_ONLY
    offset: typing.Any = switcheroo_runtime.as_ntuple(0, n=1)

    def __call__(self, x):
        weight = jnp.ones((self.channels, 1) + self.size_) * self.scale / self.size_[0]
        if self.mode != "zeros":
            x = switcheroo_runtime.pad(x, self._pads, mode=self.mode)
            return switcheroo_runtime.conv1d(
                x,
                weight,
                bias=None,
                stride=self.stride_,
                padding=0,
                dilation=1,
                groups=self.channels,
            )
        return switcheroo_runtime.conv1d(
            x,
            weight,
            bias=None,
            stride=self.stride_,
            padding=self.padding_,
            dilation=1,
            groups=self.channels,
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
        return padding if isinstance(padding, str) else switcheroo_runtime.as_ntuple(padding, n=1)


class Smooth2d(_Smooth):
    stride: int = 1
    padding: int = 0
    mode: str = "zeros"
    _: dataclasses.KW_ONLY
    offset: typing.Any = switcheroo_runtime.as_ntuple(0, n=2)

    def setup(self):
        scale = self.scale
        factory = {"scale": scale}
        super().setup()

    def __call__(self, x):
        weight = jnp.ones((self.channels, 1) + self.size_) * self.scale / (
            self.size_[0] * self.size_[1]
        )
        if self.mode != "zeros":
            return switcheroo_runtime.conv2d(
                switcheroo_runtime.pad(x, self._pads, mode=self.mode),
                weight,
                bias=None,
                stride=self.stride_,
                padding=0,
                dilation=1,
                groups=self.channels,
            )
        return switcheroo_runtime.conv2d(
            x,
            weight,
            bias=None,
            stride=self.stride_,
            padding=self.padding_,
            dilation=1,
            groups=self.channels,
        )

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
        return padding if isinstance(padding, str) else switcheroo_runtime.as_ntuple(padding, n=2)


# Kept and reported: its local is read again after the base call, so it cannot be the property alone.
# switcheroo: SWR3006 class Wide2d is not converted to a Flax module: it derives from the module...
class Wide2d(_Smooth):
    def __init__(self, channels, size, stride=1):
        size_ = _pair(size)
        super().__init__(channels, size_, _pair(stride), _pair(0), _pair(0), "zeros")
        self.area = size_[0] * size_[1]

    def forward(self, x):
        return x * self.area
