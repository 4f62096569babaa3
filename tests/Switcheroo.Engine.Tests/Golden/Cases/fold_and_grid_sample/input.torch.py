"""Sliding blocks (unfold/fold) and grid sampling, as functions and as layers, on torch's NCHW layout."""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

SWITCHEROO_EXAMPLES = {"PatchMixer": {"input_shape": [2, 3, 8, 8]}}


class PatchMixer(nn.Module):
    def __init__(self, size: int = 8):
        super().__init__()
        self.patches = nn.Unfold(kernel_size=2, stride=2)
        self.back = nn.Fold(output_size=size, kernel_size=2, stride=2)
        self.overlap = nn.Unfold(3, dilation=1, padding=1)
        self.mix = nn.Linear(12, 12)

    def forward(self, x):
        columns = self.patches(x)
        mixed = self.mix(columns.transpose(1, 2)).transpose(1, 2)
        smooth = F.fold(self.overlap(x), (8, 8), 3, padding=1) / 9.0
        blocks = F.unfold(x, kernel_size=(2, 4), dilation=(1, 2), padding=(0, 1), stride=2)
        again = F.fold(blocks, output_size=(8, 8), kernel_size=(2, 4), dilation=(1, 2), padding=(0, 1), stride=2)
        return self.back(mixed) + smooth + again


def warp(image: torch.Tensor, flow: torch.Tensor, mode: str = "bilinear", align: Optional[bool] = None):
    n, _, h, w = image.shape
    ys, xs = torch.meshgrid(torch.linspace(-1.0, 1.0, h), torch.linspace(-1.0, 1.0, w), indexing="ij")
    base = torch.stack((xs, ys), dim=-1)
    grid = base + flow.permute(0, 2, 3, 1)
    return F.grid_sample(image, grid, mode=mode, align_corners=align)


def resample(image, grid):
    border = F.grid_sample(image, grid, "nearest", "border", True)
    mirrored = F.grid_sample(image, grid, padding_mode="reflection", align_corners=False)
    smooth = F.grid_sample(image, grid, mode="bicubic", align_corners=True)
    return border + mirrored + smooth
