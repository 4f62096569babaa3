"""An attribute set on a submodule after the constructor built it: a torch module is a plain
object, a Flax module is frozen once constructed, so the statement is kept and reported."""
import torch
import torch.nn as nn


class Scaled(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.proj = nn.Linear(channels, channels)
        self.scale = 1.0

    def forward(self, x):
        return self.proj(x) * self.scale


class Net(nn.Module):
    def __init__(self, channels=4, block=Scaled):
        super().__init__()
        self.first = Scaled(channels)
        self.first.scale = 0.5
        self.second = block(channels)
        self.head = nn.Linear(channels, 2)

    def forward(self, x):
        self.second.last_input = x
        return self.head(torch.relu(self.second(self.first(x))))
