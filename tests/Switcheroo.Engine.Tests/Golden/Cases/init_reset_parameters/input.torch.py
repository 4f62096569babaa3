import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import Parameter, init


class ScaledDense(nn.Module):
    """A dense layer of its own, built empty and drawn as torch's Linear draws."""

    def __init__(self, n_in, n_out, bias=True, device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        self.n_in = n_in
        self.n_out = n_out
        self.weight = Parameter(torch.empty((n_out, n_in), **factory_kwargs))
        if bias:
            self.bias = Parameter(torch.empty(n_out, **factory_kwargs))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        return F.linear(x, self.weight, self.bias) * 0.5


class TapFilter(nn.Module):
    """A filter bank (out, in, taps): torch's fans count the taps."""

    def __init__(self, channels, taps=5):
        super().__init__()
        self.bank = Parameter(torch.empty(channels, channels, taps))
        self.offset = Parameter(torch.empty(channels))
        self.mix = Parameter(torch.empty(channels, channels))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Draws every parameter anew."""
        init.kaiming_normal_(self.bank, mode="fan_out", nonlinearity="relu")
        fan_in, _ = init._calculate_fan_in_and_fan_out(self.bank)
        bound = 1.0 / math.sqrt(fan_in)
        init.uniform_(self.offset, -bound, bound)
        init.xavier_uniform_(self.mix, gain=0.5)

    def forward(self, x):
        return torch.einsum("oit,bit->bo", self.bank, x) + self.offset @ self.mix


class Affine(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.scale = Parameter(torch.empty(width))
        self.shift = Parameter(torch.empty(width))
        self.reset_parameters()

    def reset_parameters(self):
        init.ones_(self.scale)
        init.zeros_(self.shift)

    def forward(self, x):
        return x * self.scale + self.shift


class Shift(nn.Module):
    """Parameters built and drawn under the same flag."""

    def __init__(self, width, affine=True):
        super().__init__()
        self.affine = affine
        if self.affine:
            self.gain = Parameter(torch.empty(width))
            self.offset = Parameter(torch.empty(width))
        else:
            self.register_parameter("gain", None)
            self.register_parameter("offset", None)
        self.reset_parameters()

    def reset_parameters(self):
        if self.affine:
            init.ones_(self.gain)
            init.zeros_(self.offset)

    def forward(self, x):
        if self.gain is None:
            return x
        return x * self.gain + self.offset


class Noise(nn.Module):
    """A dict of keywords changed after it is built stays unpacked, reported."""

    def __init__(self, width, dtype=None):
        super().__init__()
        options = {"dtype": dtype}
        options["requires_grad"] = False
        self.floor = Parameter(torch.zeros(width, **options))

    def forward(self, x):
        return x + self.floor


class Counted(nn.Module):
    """A reset method that does more than draw parameters stays, reported."""

    def __init__(self, width):
        super().__init__()
        self.gain = Parameter(torch.empty(width))
        self.resets = 0
        self.reset_parameters()

    def reset_parameters(self):
        self.resets += 1
        init.ones_(self.gain)

    def forward(self, x):
        return x * self.gain


class LateWeight(nn.Module):
    """The bias's bound reads a weight the constructor declares after it: reported."""

    def __init__(self, width):
        super().__init__()
        self.bias = Parameter(torch.empty(width))
        self.weight = Parameter(torch.empty(width, width))
        self.reset_parameters()

    def reset_parameters(self):
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
        bound = 1 / math.sqrt(fan_in)
        init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        return x @ self.weight.t() + self.bias


class SlopeIgnored(nn.Module):
    """torch reads a only for leaky_relu: with relu it is ignored, which a divided gain would not be; reported."""

    def __init__(self, width=4):
        super().__init__()
        self.weight = Parameter(torch.empty(width, width))
        self.reset_parameters()

    def reset_parameters(self):
        init.kaiming_uniform_(self.weight, a=math.sqrt(5), nonlinearity="relu")

    def forward(self, x):
        return F.linear(x, self.weight)
