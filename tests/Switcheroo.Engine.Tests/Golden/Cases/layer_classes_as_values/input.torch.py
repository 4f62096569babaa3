from functools import partial
from typing import Callable, Optional

import torch
import torch.nn as nn


class Unit(nn.Module):
    def __init__(self, c_in, c_out, norm_layer: Optional[Callable[..., nn.Module]] = None, act_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        if act_layer is None:
            act_layer = nn.ReLU6
        conv = nn.Conv2d
        self.conv = conv(c_in, c_out, kernel_size=3, padding=1, bias=False)
        self.norm = norm_layer(c_out)
        self.act = act_layer(inplace=True)

    def forward(self, x):
        return self.act(self.norm(self.conv(x)))


class Tokens(nn.Module):
    def __init__(self, dim, heads_dim=16):
        super().__init__()
        norm = partial(nn.LayerNorm, eps=1e-6)
        self.norm = norm(dim)
        self.proj = self._linear(nn.Linear, dim, heads_dim)
        self.stats = nn.BatchNorm1d

    def _linear(self, layer, d_in, d_out):
        return layer(d_in, d_out)

    def forward(self, x):
        return self.proj(self.norm(x))


def frozen_norm(channels):
    # a class value outside any module follows the module that builds its layers
    return partial(nn.BatchNorm2d, momentum=0.01)


def uses_types(m: nn.Conv2d) -> bool:
    return isinstance(m, (nn.Conv2d, nn.Linear))


def stage(width: int, stride: int = 1) -> nn.Sequential:
    first: nn.Conv2d = nn.Conv2d(width, width, 3, stride=stride, padding=1)
    return nn.Sequential(first, nn.ReLU())
