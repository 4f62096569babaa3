"""torch.Size as a type (an annotation, an item of a typing alias) becomes tuple; as a value it is reported."""
from typing import Dict, List, Optional, Tuple, Union

import torch
from torch import Size, nn

SizeLike = Union[int, List[int], Size]
Grid = Dict[str, Tuple[Size, Optional[torch.dtype]]]


def as_tuple(size: SizeLike) -> Tuple[int, ...]:
    return (size,) if isinstance(size, int) else tuple(size)


def is_shape(value) -> bool:
    return isinstance(value, torch.Size)


def square(side: int) -> torch.Size:
    return torch.Size([side, side])


class Scale(nn.Module):
    def __init__(self, shape: SizeLike, kept: Optional[Size] = None) -> None:
        super().__init__()
        self.normalized = as_tuple(shape)
        self.scale = nn.Parameter(torch.ones(self.normalized))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        dims: Size = x.shape
        return x * self.scale if dims[-len(self.normalized):] == self.normalized else x
