# PEP 484 type comments declare what the parameters hold, as annotations do (TorchScript-era code).
from typing import List, Optional

import torch
import torch.nn.functional as F
from torch import Tensor


def box_loss(logits, targets, weights=None):
    # type: (Tensor, List[Tensor], Optional[Tensor]) -> Tensor
    """Smooth L1 over the boxes."""
    target = torch.cat(targets, dim=0)
    loss = F.smooth_l1_loss(logits.reshape(-1, 4), target, reduction="sum")
    if weights is not None:
        loss = loss * weights.sum()
    return loss / max(1, logits.size(0))


def grid(extent, step):
    # type: (torch.Tensor, float) -> Tensor
    return extent.clamp(min=0).ceil() + torch.floor(extent / step)


class Coder:
    def decode(self, deltas, sizes):
        # type: (Tensor, List[int]) -> List[Tensor]
        return deltas.split(sizes, dim=0)


def untyped(x, y):
    # an ordinary comment declares nothing
    return x.sum() + y


def mismatched(x, y):
    # type: (Tensor) -> Tensor
    return x.sum() + y
