import math

import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, dim, scale=None, sizes=(1, 2), dropout=0.1, bias=True):
        super().__init__()
        self.dim = dim
        self.scale = scale or dim ** -0.5
        self.sizes = tuple(sizes)
        self.sizes_ = len(sizes)
        self.proj = nn.Linear(dim, dim)
        self.dropout = nn.Dropout(dropout)
        self.bias = nn.Parameter(torch.zeros(dim)) if bias else None

    def forward(self, x):
        y = self.proj(x) * self.scale + self.sizes_
        return self.dropout(y) + self.sizes[0]


class Pool(nn.Module):
    def __init__(self, window, stride=None):
        super().__init__()
        if stride is None:
            stride = window
        self.window = max(window, 1)
        self.stride = stride
        self.gain = math.sqrt(self.window)

    def forward(self, x):
        return x[:: self.stride] * self.gain / self.window


class Head(nn.Module):
    def __init__(self, dim, norm=True):
        super().__init__()
        layer = nn.LayerNorm(dim) if norm else nn.Identity()
        self.norm = layer  # a layer through a local: still a layer, so reported, not renamed

    def forward(self, x):
        return self.norm(x)


class Classifier(nn.Module):
    # Dropout and activations hold no variables (their entries say stateless), so no checkpoint key
    # follows these names: the attributes move to dropout_ and act_, the fields keep the arguments.
    def __init__(self, dim, classes, dropout=0.5, act=True):
        super().__init__()
        self.fc = nn.Linear(dim, classes)
        self.dropout = nn.Dropout(p=dropout)
        self.act = nn.GELU() if act else nn.Identity()

    def forward(self, x):
        return self.fc(self.dropout(self.act(x)))
