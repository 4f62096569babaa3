"""A residual block whose shortcut is an empty Sequential (the identity) unless the shape changes."""
import torch.nn as nn
import torch.nn.functional as F


class Residual(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.body = nn.Linear(cin, cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Linear(cin, cout))

    def forward(self, x):
        return F.relu(self.body(x) + self.shortcut(x))


class Bottleneck(nn.Module):
    """The identity chosen by a conditional: in parentheses, or the lambda would take the conditional in."""

    def __init__(self, cin, stride=1):
        super().__init__()
        self.body = nn.Linear(cin, cin)
        self.shortcut = nn.Sequential() if stride == 1 else nn.Sequential(nn.Linear(cin, cin))

    def forward(self, x):
        return self.body(x) + self.shortcut(x)
