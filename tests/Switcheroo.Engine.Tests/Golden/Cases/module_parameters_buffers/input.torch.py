import torch
import torch.nn as nn


class ScaledNorm(nn.Module):
    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(dim))
        self.shift = nn.Parameter(torch.zeros(dim), requires_grad=False)
        self.register_buffer("mask", torch.tril(torch.ones(dim, dim)))
        self.register_buffer("steps", torch.arange(dim), persistent=False)
        self.register_buffer(name_of(dim), torch.zeros(1))

    def forward(self, x):
        norm = x / torch.sqrt(torch.mean(x * x, dim=-1, keepdim=True) + self.eps)
        return norm * self.scale @ self.mask + self.steps


class WithVarargs(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        self.layers = nn.ModuleList(layers)


class Tower(nn.Module):
    def __init__(self, sizes=[8, 4], head=[2], extra={}):
        super().__init__()
        self.sizes = sizes


class Stack(nn.Module):
    def __init__(self, sizes=[8, 4], head=[2], none=[]):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:] + head)])
