import math

import torch
import torch.nn as nn


class Tokens(nn.Module):
    """Learned positions and a class token, drawn anew after they are built."""

    def __init__(self, length=16, width=32):
        super().__init__()
        self.proj = nn.Linear(width, width)
        self.positions = nn.Parameter(torch.zeros(1, length, width))
        self.cls = nn.Parameter(torch.zeros(1, 1, width))
        nn.init.trunc_normal_(self.positions, std=0.02)
        # the last draw wins, as in torch
        nn.init.normal_(self.cls, std=1e-6)
        nn.init.uniform_(self.cls, -0.1, 0.1)
        self.gate = nn.Parameter(torch.ones(width))
        nn.init.constant_(self.gate, 0.5)

    def forward(self, x):
        x = self.proj(x) * self.gate + self.positions[:, : x.shape[1]]
        return torch.cat([self.cls + torch.zeros_like(x[:, :1]), x], dim=1)


class Mixed(nn.Module):
    """What does not convert is reported and kept whole."""

    def __init__(self, width=8):
        super().__init__()
        self.mix = nn.Parameter(torch.empty(width, width))
        # torch's fans of a (width, width) tensor: dim 1 in, dim 0 out, a layout the parameter keeps
        nn.init.xavier_uniform_(self.mix)
        self.bias = nn.Parameter(torch.zeros(width))
        self.shift = self.bias + 1
        nn.init.normal_(self.bias, std=0.1)

    def forward(self, x):
        return x @ self.mix + self.bias + self.shift


class Head(nn.Module):
    """A bias from the constructor's argument, a table declared in a method the constructor calls."""

    def __init__(self, features, classes, prior=0.01):
        super().__init__()
        self.logits = nn.Linear(features, classes)
        nn.init.normal_(self.logits.weight, std=0.01)
        nn.init.constant_(self.logits.bias, -math.log((1 - prior) / prior))
        self._define_table()

    def _define_table(self):
        self.table = nn.Parameter(torch.zeros(3, 4))
        nn.init.trunc_normal_(self.table, std=0.02)

    def forward(self, x):
        return self.logits(x) + self.table.sum()
