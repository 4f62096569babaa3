import torch
import torch.nn as nn


class Noisy(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.w = nn.Parameter(torch.randn(dim, dim) * 0.02)
        self.register_buffer("seed_noise", torch.rand(dim))

    def forward(self, x):
        return x @ self.w + torch.randn_like(x) * 0.1 + self.seed_noise


def sample(n):
    torch.manual_seed(42)
    data = torch.randn(n, 3)
    order = torch.randperm(n)
    data.normal_(0.0, 2.0)
    return data[order], torch.rand(2, 2) + torch.rand(2, 2)


def unseeded():
    return torch.randn(3)


def labels(n):
    torch.manual_seed(0)
    a = torch.randint(10, (n,))
    b = torch.randint(1, 7, (2, 3), dtype=torch.int32, device="cpu")
    c = torch.randint(low=2, high=5, size=[4])
    d = torch.randint(3, 4, 5, 6)
    return a, b, c, d
