"""Tensor facts across a class hierarchy: overrides called from their base, registered buffers, tuple annotations, TorchScript markers."""
from typing import Dict, Tuple

import torch
import torch.nn as nn
from torch import Tensor


class _Scaler(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.width = width
        self.proj = nn.Linear(width, width)
        self.register_buffer("shift", torch.zeros(width))

    def _validate(self, inputs):
        raise NotImplementedError

    def _rank(self):
        raise NotImplementedError

    def forward(self, x):
        # each subclass's _validate receives this tensor
        self._validate(x)
        # a registered buffer is the tensor it was registered with
        centred = x - self.shift.mean()
        return self.proj(centred)


class Scaler1d(_Scaler):
    def _rank(self):
        return 2

    def _validate(self, inputs):
        if inputs.dim() != self._rank():
            raise ValueError(f"expected a {self._rank()}D input, got {inputs.dim()}D")


class Scaler3d(_Scaler):
    def _rank(self):
        return 4

    def _validate(self, inputs):
        if inputs.dim() != self._rank() or inputs.size(-1) != self.width:
            raise ValueError("expected (N, C, H, width) inputs")


def combine(pair: Tuple[Tensor, Tensor], extras: Tuple[Tensor, ...]) -> Tensor:
    # the items of an annotated tuple are tensors
    first, second = pair
    total = first.transpose(0, 1) + second.transpose(0, 1)
    for extra in extras:
        total = total + extra.transpose(0, 1)
    return total


def describe(entry: Tuple[Tensor, Dict[str, Tensor]]):
    features, named = entry
    # the dict's values are not known to be tensors
    return features.flatten(1), named["boxes"].flatten(1)


@torch.jit._script_if_tracing
def _leading_rows(rows, count: int):
    # a TorchScript marker changes nothing in Python: every call passes a tensor
    return rows[:count].transpose(0, 1)


def leading_half(x: Tensor) -> Tensor:
    return _leading_rows(x, x.size(0) // 2)


def pick(scores: Tensor, index: Tensor) -> Tensor:
    # gather is reported, not converted; what it returns is still a tensor
    return scores.gather(1, index).squeeze(1)
