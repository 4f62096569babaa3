"""Writing into a tensor's items: a functional .at update where no other name sees the storage."""
import math

import torch
import torch.nn as nn


class SinusoidalTable(nn.Module):
    def __init__(self, width, length=32):
        super().__init__()
        table = torch.zeros(length, width)
        steps = torch.arange(0, length).unsqueeze(1).float()
        rates = torch.exp(torch.arange(0, width, 2).float() * (-math.log(1e4) / width))
        table[:, 0::2] = torch.sin(steps * rates)
        table[:, 1::2] = torch.cos(steps * rates)
        self.register_buffer("table", table)

    def forward(self, x):
        x[:, 0] = 0  # the caller's tensor: torch writes into it
        return x + self.table[: x.shape[1]]


def band(size, k, scale):
    grid = torch.ones(size, size)
    grid[:, :k] -= 1
    grid[k:, :] *= scale + 1
    grid[0, 0] //= 2
    return grid


def through_a_view(size):
    grid = torch.zeros(size, size)
    row = grid[1]
    row[0] = 5  # torch writes into grid too
    grid[2] = 1  # and row would see this
    return grid, row
