"""torch.full_like is jnp.full_like: the input's shape, its dtype or the one given; the device goes."""
from typing import List, Tuple

import torch
from torch import nn


def labelled(scores: List[torch.Tensor], device: torch.device) -> Tuple[torch.Tensor, torch.Tensor]:
    labels = []
    for label, score in enumerate(scores):
        labels.append(torch.full_like(score, fill_value=label, dtype=torch.int64, device=device))
    return torch.cat(scores), torch.cat(labels)


class Offset(nn.Module):
    def __init__(self, value: float) -> None:
        super().__init__()
        self.value = value

    def forward(self, x: torch.Tensor, counts: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        shifted = x + torch.full_like(x, self.value)
        rounded = torch.full_like(counts, 2.5)
        return shifted, rounded
