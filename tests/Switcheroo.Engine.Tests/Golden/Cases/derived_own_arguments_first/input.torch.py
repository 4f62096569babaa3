# Subclasses whose own arguments come before their base's (torch's ConstantPad1d(padding, value),
# the losses over _WeightedLoss): a Flax dataclass puts the base's fields first, so the positional
# arguments from the first out of that order on become keyword-only fields.
import warnings
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F


class _Fill(nn.Module):
    def __init__(self, value: float):
        super().__init__()
        self.value = value

    def forward(self, x):
        return F.pad(x, self.border, "constant", self.value)


# 'value' is the base's field, before the new 'border': it becomes keyword-only.
class Fill1d(_Fill):
    def __init__(self, border, value: float):
        super().__init__(value)
        self.border = (border, border)


# Passes the base's argument by position, in torch's order of Fill1d's arguments.
class ZeroFill1d(Fill1d):
    def __init__(self, border):
        super().__init__(border, 0.0)


# Takes Fill1d's arguments in its order, annotated with a torch type, and warns first: no fields of
# its own, and setup keeps the warning.
class LoudFill1d(Fill1d):
    def __init__(self, border: Optional[torch.Tensor], value: float):
        warnings.warn("LoudFill1d is deprecated")
        super().__init__(border, value)


class _Scored(nn.Module):
    def __init__(self, mean=None, strict=None, mode="mean"):
        super().__init__()
        self.mode = mode

    def reduce(self, x):
        return x.mean() if self.mode == "mean" else x.sum()


# 'scale' stays positional (the base's fields come first, then it); the base's three follow it in
# torch, so they are declared again keyword-only.
class _Weighted(_Scored):
    def __init__(self, scale: Optional[float] = None, mean=None, strict=None, mode="mean"):
        super().__init__(mean, strict, mode)
        self.factor = 1.0 if scale is None else scale


# 'scale' stays positional; 'mean' stands before 'scale' among the fields, so it and every argument
# after it ('margin' too) are keyword-only.
class MarginScore(_Weighted):
    def __init__(self, scale=None, mean=None, margin: float = 0.5, strict=None, mode="mean"):
        super().__init__(scale, mean, strict, mode)
        self.margin = margin

    def forward(self, x, y):
        return self.reduce(F.relu(self.margin - x * y)) * self.factor


# A construction passing a keyword-only field by position would be refused: reported.
class Shift(_Fill):
    def __init__(self, border, value: float):
        super().__init__(value)
        self.border = (border, 0)


def build():
    return Fill1d(2, value=1.5), ZeroFill1d(3), MarginScore(0.5, margin=1.0), Shift(1, 2.0)
