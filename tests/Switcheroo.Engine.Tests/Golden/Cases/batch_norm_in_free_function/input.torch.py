"""Norm layers built in free functions whose layers a builder hands to a model."""
from typing import List

import torch
import torch.nn as nn


def conv_stack(widths: List[int], normed: bool) -> nn.Sequential:
    parts: List[nn.Module] = []
    channels = 1
    for width in widths:
        parts.append(nn.Conv2d(channels, width, kernel_size=3, padding=1))
        if normed:
            parts.append(nn.BatchNorm2d(width, 1e-3, momentum=0.2))
        parts.append(nn.ReLU())
        channels = width
    return nn.Sequential(*parts)


def projection(size: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(size, size), nn.BatchNorm1d(size, affine=False))


class Tower(nn.Module):
    """Has a train flag (its dropout): the norm layers of its body follow it."""

    def __init__(self, body: nn.Module, head: nn.Module, p: float = 0.1) -> None:
        super().__init__()
        self.body = body
        self.drop = nn.Dropout(p)
        self.head = head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.mean(self.body(x), dim=(2, 3))
        return self.head(self.drop(x))


class Probe(nn.Module):
    """Nothing of its own follows the mode: the norm layer it is given gives it a train flag."""

    def __init__(self, head: nn.Module) -> None:
        super().__init__()
        self.head = head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(x)


def tower(normed: bool = True) -> Tower:
    return Tower(conv_stack([4, 8], normed), head=projection(8))


def probe() -> Probe:
    return Probe(projection(4))
