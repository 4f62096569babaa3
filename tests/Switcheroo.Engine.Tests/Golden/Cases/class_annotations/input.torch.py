import torch
import torch.nn as nn
from torch import Tensor


class Scale(nn.Module):
    # Declared for TorchScript, as torch's own layers do: no value, nothing at run time.
    factor: float
    offset: Tensor

    def __init__(self, factor: float = 2.0):
        super().__init__()
        self.factor = factor
        self.offset = torch.zeros(4)

    def forward(self, x: Tensor) -> Tensor:
        return x * self.factor + self.offset


class Norm(nn.Module):
    """Attributes declared after the docstring, one with a value."""
    __constants__ = ["eps"]
    eps: float
    norm: float
    scale: float = 0.5

    def __init__(self, p: float = 2.0, eps: float = 1e-6):
        super().__init__()
        self.norm = p
        self.eps = eps

    def forward(self, x: Tensor) -> Tensor:
        return self.scale * x / (x.abs().pow(self.norm).sum(-1, keepdim=True) + self.eps)
