"""Functions, tensor methods and layers that real models use beyond the basics."""
import torch
import torch.nn as nn
import torch.nn.functional as F

SWITCHEROO_EXAMPLES = {"Stem": {"input_shape": [2, 16, 5, 7]}}


class Stem(nn.Module):
    def __init__(self, channels=16):
        super().__init__()
        self.conv_norm = nn.InstanceNorm2d(channels, affine=True)
        self.plain_norm = nn.InstanceNorm1d(channels)
        self.act = nn.ReLU6(inplace=True)
        self.gate = nn.Hardsigmoid()
        self.swish = nn.Hardswish()
        self.bounded = nn.Hardtanh(-3.0, 3.0)
        self.selu = nn.SELU()

    def forward(self, x):
        torch._assert(x.dim() == 4, "expected a batch of images")
        y = self.act(self.conv_norm(x))
        y = y * self.gate(y) + self.swish(x)
        seq = self.plain_norm(y.flatten(2))
        return self.bounded(self.selu(y)), seq


def similarity(features, weight, bias):
    unit = F.normalize(features, p=2.0, dim=1)
    scores = torch.mm(unit, unit.t()).clamp(0.0, 1.0)
    projected = F.linear(features, weight, bias)
    lengths = projected.norm(dim=-1, keepdim=True)
    top_values, top_indices = torch.topk(scores, 5, dim=1)
    return torch.log1p(scores), lengths, top_values, top_indices


def layout(x: torch.Tensor, offsets):
    grid_y, grid_x = torch.meshgrid(torch.arange(4), torch.arange(6))
    shifted = torch.roll(x, shifts=1, dims=-1)
    picked = shifted.index_select(1, offsets)
    total = picked.numel() + grid_y.numel()
    normed = F.layer_norm(picked, picked.shape[-1:], eps=1e-6)
    return normed.pow(2).mul(0.5).cumsum(dim=-1), torch.diag(grid_x[0].float()), total, x.clone()
