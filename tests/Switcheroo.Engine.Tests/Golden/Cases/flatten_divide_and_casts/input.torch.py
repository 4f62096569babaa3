"""flatten up to an axis other than the last (literal or known at run time), unflatten, divide with
its rounding modes, expand_as, byte and new_full."""
import torch
import torch.nn as nn
from torch.types import _size

SWITCHEROO_EXAMPLES = {"Regroup": {"input_shape": [2, 6, 4, 5]}}


class Regroup(nn.Module):
    def __init__(self, groups: int = 3, last: int = -2):
        super().__init__()
        self.groups = groups
        self.last = last
        self.split = nn.Unflatten(1, (groups, -1))
        self.merge = nn.Flatten(1, -2)
        self.whole = nn.Flatten(0, -1)
        self.mix = nn.Linear(5, 5)

    def forward(self, x):
        x = self.mix(x)
        y = self.split(x)
        z = y.flatten(1, self.last)
        w = torch.flatten(x.sum(dim=1), 0, -2)
        u = x.unflatten(-1, (5, 1)).flatten(2, 3)
        return self.merge(z) + u.flatten(start_dim=2, end_dim=-1).sum() + w.sum() + self.whole(x).sum()


def regroup(x: torch.Tensor, sizes: _size) -> torch.Tensor:
    return torch.unflatten(x, 0, sizes)


def bucket(index: torch.Tensor, width: int):
    rows = torch.div(index, width, rounding_mode="floor")
    toward_zero = index.div(width, rounding_mode="trunc")
    ratio = torch.divide(index, width)
    half = index.divide(2.0)
    return rows, toward_zero, ratio, half


def masks(scores: torch.Tensor, reference: torch.Tensor):
    keep = (scores > 0.5).byte()
    spread = scores.mean(dim=0, keepdim=True).expand_as(reference)
    canvas = reference.new_full((2, 3), -1.0)
    counts = reference.new_full([4], 7, dtype=torch.int32)
    return keep, spread, canvas, counts
