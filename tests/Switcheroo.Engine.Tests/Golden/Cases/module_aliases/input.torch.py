import torch
from torch.nn.modules.batchnorm import BatchNorm2d
from torch.nn.modules.conv import Conv2d
from torch.nn.modules.module import Module
from torch.nn.parameter import Parameter


class Block(Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = Conv2d(channels, channels, 3, padding=1)
        self.norm = BatchNorm2d(channels)
        self.scale = Parameter(torch.ones(1))

    def forward(self, x):
        return self.norm(self.conv(x)) * self.scale
