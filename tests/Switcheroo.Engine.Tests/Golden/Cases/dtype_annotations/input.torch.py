"""dtype annotations become jax.numpy.dtype; a class test against torch.dtype is reported."""
from typing import List, Optional

import torch
import torch.nn as nn


def offsets(count: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    return torch.arange(count, dtype=dtype) * 0.5


def widened(values: List[torch.Tensor], dtype: torch.dtype, spare: Optional[torch.dtype] = None) -> List[torch.Tensor]:
    return [v.to(dtype) for v in values] if spare is None else values


def is_dtype(value) -> bool:
    return isinstance(value, torch.dtype)


class Shift(nn.Module):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.proj = nn.Linear(width, width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        kind: torch.dtype = x.dtype
        return self.proj(x) + offsets(x.shape[-1], kind)
