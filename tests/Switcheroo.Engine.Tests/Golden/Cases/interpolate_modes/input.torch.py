import torch.nn as nn
import torch.nn.functional as F


class Head(nn.Module):
    def __init__(self, factor: float):
        super().__init__()
        self.factor = factor
        self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.near = nn.UpsamplingNearest2d(size=(7, 9))
        self.corners = nn.UpsamplingBilinear2d(scale_factor=3)

    def forward(self, x, low):
        size = x.shape[-2:]
        y = F.interpolate(self.up(low), size=size, mode="bilinear", align_corners=False)
        z = F.interpolate(y, scale_factor=self.factor, mode="bicubic", recompute_scale_factor=False)
        w = F.interpolate(z, size=(20, 20), mode="bilinear", align_corners=True)
        n = F.interpolate(self.corners(self.near(w)), scale_factor=0.5)
        return F.interpolate(n, size=(5, 5), mode="bilinear", antialias=True)
