import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import Parameter, init


class ScaledDense(nn.Module):
    """A dense layer of its own, built empty and drawn as torch's Linear draws."""

    def __init__(self, n_in, n_out, bias=True):
        super().__init__()
        self.n_in = n_in
        self.n_out = n_out
        self.weight = Parameter(torch.empty((n_out, n_in)))
        if bias:
            self.bias = Parameter(torch.empty(n_out))
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
