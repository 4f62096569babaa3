from typing import List

import torch
import torch.nn as nn


class Router(nn.Module):
    """Creation from a tensor's dtype, clip, nonzero and typename (issue 12's small maps)."""

    def __init__(self, width: int):
        super().__init__()
        self.width = width
        self.proj = nn.Linear(width, width)

    def forward(self, x: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        scores = self.proj(x).clip(min=-3.0, max=3.0)
        scores = torch.clip(scores, 0.0)
        bias = x.new_zeros(x.shape[0], self.width)
        wide = x.new_ones((2, self.width), dtype=torch.double)
        slots = labels.new_empty(x.shape[0])
        weights = x.new_tensor([0.25, 4.0])
        counts = labels.new_tensor([1, 2, 3], dtype=torch.int)
        return scores + bias + wide.sum() + slots.sum() + weights[1] + counts.sum()


def positives(scores: torch.Tensor, labels: torch.Tensor):
    where = (scores > 0.5).nonzero()
    rows, cols = (scores > 0.5).nonzero(as_tuple=True)
    hits = torch.nonzero(labels, as_tuple=False)
    spread = torch.nonzero(labels, as_tuple=True)
    return where, rows, cols, hits, spread


def describe(value, scores: torch.Tensor) -> str:
    return torch.typename(value) + " " + torch.typename(scores)


def sizes_of(scores: torch.Tensor) -> List[int]:
    sizes = torch.jit.annotate(List[int], [])
    for size in scores.shape:
        sizes.append(size)
    return sizes


def not_converted(x: torch.Tensor, shape, flag: bool, layout):
    sparse = x.new_zeros(3, layout=layout)
    picked = x.nonzero(as_tuple=flag)
    made = x.new_ones(size=shape)
    return sparse, picked, made
