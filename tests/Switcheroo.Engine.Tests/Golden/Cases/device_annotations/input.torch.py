"""Devices in annotations: the calls become device strings, so the annotation names str."""
from typing import Optional

import torch
import torch.nn as nn


class Pair:
    def __init__(self, left: torch.Tensor, right: torch.Tensor) -> None:
        self.left = left
        self.right = right

    def moved(self, target: torch.device) -> "Pair":
        return Pair(self.left.to(target), self.right.to(target))


def scaled(x: torch.Tensor, factor: float, where: torch.device) -> torch.Tensor:
    return x.to(where) * factor


def described(where: Optional[torch.device] = None) -> str:
    return "default" if where is None else str(where)


class Head(nn.Module):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.proj = nn.Linear(width, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(scaled(x, 0.5, torch.device("cpu")))
