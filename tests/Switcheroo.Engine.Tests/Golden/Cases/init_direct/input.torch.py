import torch
import torch.nn as nn
from torch.nn import init


class Regressor(nn.Module):
    """A small regressor whose layers are initialised one by one."""

    def __init__(self, features=8):
        super().__init__()
        self.hidden = nn.Linear(features, 16)
        self.norm = nn.LayerNorm(16)
        self.out = nn.Linear(16, 1)
        self.scale = nn.Linear(16, 1, bias=False)
        # the head starts small
        nn.init.normal_(self.out.weight, 0, 0.01)
        nn.init.zeros_(self.out.bias)
        init.xavier_uniform_(self.hidden.weight, gain=2)
        init.constant_(self.norm.weight, 1.0)
        init.constant_(self.norm.bias, 0.5)
        nn.init.trunc_normal_(self.scale.weight, std=0.02, a=-0.04, b=0.04)
        nn.init.uniform_(self.hidden.bias, -0.1, 0.1)

    def forward(self, x):
        h = torch.relu(self.norm(self.hidden(x)))
        return self.out(h) + self.scale(h)
