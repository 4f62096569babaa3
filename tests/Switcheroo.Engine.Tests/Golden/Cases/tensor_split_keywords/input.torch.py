"""torch.tensor_split by any of its overloads' names (indices=, sections=, positional) is jnp.array_split.

Token(4) on a (batch, seq, 4) input."""
from typing import Tuple

import torch
from torch import nn


class Token(nn.Module):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.proj = nn.Linear(width, width)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        head, rest = torch.tensor_split(x, indices=(1,), dim=1)
        parts = torch.tensor_split(rest, sections=3, dim=2)
        left, right = torch.tensor_split(self.proj(head), [2], 2)
        return torch.cat(parts, dim=2), left - right
