"""An in-place method called at once on a new tensor is an expression: nothing else holds the tensor."""
from typing import List

import torch
import torch.nn as nn


def cell_sizes(extent: int, counts: List[int]) -> List[torch.Tensor]:
    return [torch.empty((), dtype=torch.int64).fill_(extent // c) for c in counts]


def shared(values: torch.Tensor, data):
    flat = values.view(-1).fill_(0.0)
    wrapped = torch.as_tensor(data).fill_(1.0)
    return flat, wrapped


class Jitter(nn.Module):
    def __init__(self, width: int, choices: List[int]) -> None:
        super().__init__()
        self.proj = nn.Linear(width, width)
        self.choices = choices

    def pick(self) -> int:
        return self.choices[int(torch.zeros(1).uniform_(0.0, float(len(self.choices))).item())]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x) * self.pick()
