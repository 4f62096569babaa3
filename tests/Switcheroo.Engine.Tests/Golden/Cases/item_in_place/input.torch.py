"""In-place methods on an item of a tensor set it with .at[...].set; copy_ casts and broadcasts as torch does."""
from typing import List

import torch


def padded_batch(parts: List[torch.Tensor], height: int, width: int) -> torch.Tensor:
    batch = parts[0].new_full([len(parts), parts[0].shape[0], height, width], 0)
    for k in range(len(parts)):
        part = parts[k]
        batch[k, :, : part.shape[1], : part.shape[2]].copy_(part)
    return batch


def refreshed(table: torch.Tensor, row: torch.Tensor, fill: float) -> torch.Tensor:
    table[0].add_(row)
    table[1:].mul_(fill)
    table.copy_(row)
    return table
