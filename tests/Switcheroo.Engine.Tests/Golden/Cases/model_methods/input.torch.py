# Methods a model has from torch.nn.Module: on `self` in a module class and on an instance of one,
# the map's torch.nn.Module entries apply, never the tensor methods of the same name.
import torch
import torch.nn as nn


class Shuffle(nn.Module):
    def __init__(self, order):
        super().__init__()
        self.order = order

    def forward(self, x):
        return x.permute(*self.order)


class Tower(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.permute = Shuffle((0, 2, 1))
        self.proj = nn.Linear(width, width)
        self.register_buffer("scale", torch.ones(width))
        for layer in self.children():
            print(layer)

    def forward(self, x):
        x = self.permute(x)
        return self.proj(x) * self.scale

    def extend(self, width: int):
        self.register_buffer("offset", torch.zeros(width))


def prepare(device: torch.device, x: torch.Tensor):
    model = Tower(8).to(device)
    model.requires_grad_(False)
    names = [name for name, _ in model.named_parameters()]
    model.eval()
    return model(x.half()), names
