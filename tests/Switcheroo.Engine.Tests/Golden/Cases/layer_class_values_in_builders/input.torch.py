from functools import partial
from typing import Optional

import torch
import torch.nn as nn

# a norm class chosen where no module is around: the module that builds it gives its train flag
DEFAULT_NORM = nn.BatchNorm2d


class Stem(nn.Module):
    def __init__(self, c_in, c_out, norm_layer):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, padding=1, bias=False)
        self.norm = norm_layer(c_out)

    def forward(self, x):
        return torch.relu(self.norm(self.conv(x)))


class Tower(nn.Module):
    def __init__(self, widths, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = DEFAULT_NORM
        self._norm = norm_layer
        self.stem = Stem(3, widths[0], norm_layer)
        self.proj = nn.Conv2d(widths[0], widths[-1], 1)
        self.last = self._norm(widths[-1])

    def forward(self, x):
        return self.last(self.proj(self.stem(x)))


def tower_small(calibrated=False):
    norm_layer = partial(nn.BatchNorm2d, eps=1e-3, momentum=0.01) if calibrated else nn.BatchNorm2d
    return Tower([16, 32], norm_layer=norm_layer)


def tower_plain(**kwargs):
    return Tower([8, 8], norm_layer=nn.BatchNorm2d, **kwargs)


class Head(nn.Module):
    # a constructor default is a field's default: the class stands there unbound too
    def __init__(self, c, norm_layer=nn.BatchNorm2d):
        super().__init__()
        self.norm = norm_layer(c)
        self.gain: Optional[nn.Parameter] = None

    def forward(self, x):
        return self.norm(x)


def head_grouped(c):
    return Head(c, norm_layer=partial(nn.GroupNorm, 4))


def head_instance(c):
    return Head(c, norm_layer=nn.InstanceNorm2d)
