"""Constructor arguments become dataclass fields: what stays torch in an argument's annotation is marked on its field's line."""
from typing import Optional

import torch
import torch.nn as nn


class Heads(nn.Module):
    def __init__(self, heads: nn.ModuleList, width: int, generator: torch.Generator, extra: Optional[torch.Generator] = None):
        super().__init__()
        self.heads = heads
        self.width = width
        self.generator = generator
        self.extra = extra

    def forward(self, x):
        return [head(x) for head in self.heads]


class Projection(nn.Module):
    def __init__(self, width: int, head: Optional[nn.Module] = None):
        super().__init__()
        self.proj = nn.Linear(width, width)
        self.head = head

    def forward(self, x):
        x = self.proj(x)
        return x if self.head is None else self.head(x)
