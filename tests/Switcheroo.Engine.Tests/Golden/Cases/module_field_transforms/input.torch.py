import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import _reduction
from torch.nn.modules.utils import _ntuple, _pair


# The base stores a transformed argument; its subclasses read it where the base put it.
class _Window(nn.Module):
    def __init__(self, size, step=None, margin=0):
        super().__init__()
        self.size = size
        self.step = step if (step is not None) else size
        self.margin = _pair(margin)


class Every(_Window):
    def forward(self, x):
        return x[..., :: self.step] * self.size


class Step(_Window):
    def __init__(self, size, step=None, margin=0, gain=1.0):
        super().__init__(size, step, margin)
        self.gain = gain

    def forward(self, x):
        return x[..., :: self.step] * self.gain + self.margin[0]


# The base reads what each subclass stores from its own argument.
class _Crop(nn.Module):
    def forward(self, x):
        top, left = self.border[0], self.border[1]
        return x[..., top : x.shape[-2] - top, left : x.shape[-1] - left]


class Crop2d(_Crop):
    def __init__(self, border):
        super().__init__()
        self.border = _pair(border)


class Crop4d(_Crop):
    def __init__(self, border):
        super().__init__()
        self.border = _ntuple(4)(border)


# One subclass stores the attribute from its argument, the other as it was given: the base cannot read both.
class _Shift(nn.Module):
    def forward(self, x):
        return x + self.offset


class ShiftPair(_Shift):
    def __init__(self, offset):
        super().__init__()
        self.offset = _pair(offset)[0]


class ShiftPlain(_Shift):
    def __init__(self, offset):
        super().__init__()
        self.offset = offset


# A parameter keeps torch's name as a variable; only the attribute holding it moves.
class Scale(nn.Module):
    def __init__(self, dim, scale=1e-6):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(dim) * scale)

    def forward(self, x):
        return x * self.scale


# The loss flags of old torch code decide the reduction.
class Distance(nn.Module):
    def __init__(self, size_average=None, reduce=None, reduction="mean"):
        super().__init__()
        if size_average is not None or reduce is not None:
            self.reduction = _reduction.legacy_get_string(size_average, reduce)
        else:
            self.reduction = reduction

    def forward(self, a, b):
        return F.l1_loss(a, b, reduction=self.reduction)


# A submodule is named by its attribute: kept and reported.
class Stem(nn.Module):
    def __init__(self, stem, width):
        super().__init__()
        self.stem = stem(width)

    def forward(self, x):
        return self.stem(x)
