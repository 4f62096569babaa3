"""An init loop whose Linear branch draws U(-r, r) with r = C / sqrt(out_features), held in a local.

That is variance_scaling(C ** 2 / 3, "fan_out", "uniform") on the Dense kernel (in, out), whose fan-out
is out_features too; a range over anything else stays reported.
"""
import math

import torch
from torch import nn


class Head(nn.Module):
    def __init__(self, width: int, classes: int):
        super().__init__()
        self.hidden = nn.Linear(width, 2 * width)
        self.out = nn.Linear(2 * width, classes)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                bound = 2.0 / math.sqrt(m.out_features)
                nn.init.uniform_(m.weight, -bound, bound)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


class Skewed(nn.Module):
    """The range reads in_features, which is not the kernel's fan-out: reported."""

    def __init__(self, width: int):
        super().__init__()
        self.fc = nn.Linear(width, width)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                bound = 1.0 / math.sqrt(m.in_features)
                nn.init.uniform_(m.weight, -bound, bound)

    def forward(self, x):
        return self.fc(x)
