# .to(v.device) moves a tensor to another value's device, whatever v is (a tensor, an object holding
# a device): JAX places arrays itself, so the move goes, as .to(device) does. A device unpacked with
# a dtype from a tuple (dtype, device = ref.dtype, ref.device) is a device too.
import torch
import torch.nn as nn


class Offsets(nn.Module):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size
        self.proj = nn.Linear(2, 8)

    def grid(self, centres):
        steps = torch.linspace(-1.0, 1.0, self.size)
        grid = torch.stack(torch.meshgrid(steps, steps, indexing="ij"), dim=-1).to(centres.device)
        return grid.reshape(-1, 2)

    def forward(self, centres):
        return self.proj(self.grid(centres))


class Placement:
    def __init__(self, device: str) -> None:
        self.device = device


def placed(x: torch.Tensor, placement: Placement) -> torch.Tensor:
    return x.to(placement.device)


def like(points: torch.Tensor, reference: torch.Tensor) -> torch.Tensor:
    dtype, device = reference.dtype, reference.device
    base = torch.zeros(points.shape[0], 2).to(device)
    return base + points.to(dtype)
