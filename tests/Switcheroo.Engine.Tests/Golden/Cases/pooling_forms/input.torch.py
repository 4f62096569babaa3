import torch
import torch.nn as nn
import torch.nn.functional as F


class SignalNet(nn.Module):
    """1-D and 3-D pooling, and adaptive pooling to sizes that need not divide the input."""

    def __init__(self):
        super().__init__()
        self.pool1 = nn.MaxPool1d(3, stride=2, padding=1)
        self.avg1 = nn.AvgPool1d(2)
        self.pool3 = nn.MaxPool3d(2)
        self.avg3 = nn.AvgPool3d((1, 2, 2), count_include_pad=False)
        self.squeeze = nn.AdaptiveAvgPool2d((7, 7))
        self.peak = nn.AdaptiveMaxPool2d((3, None))

    def forward(self, wave, volume, image):
        w = self.avg1(self.pool1(wave))
        v = self.avg3(self.pool3(volume))
        i = self.peak(self.squeeze(image))
        summary = F.adaptive_avg_pool1d(w, 5)
        return summary, v, i


def quantise(x, steps):
    # round half to even in both libraries; repeat each step's level
    levels = torch.round(x * steps) / steps
    return torch.repeat_interleave(levels, 2, dim=-1), torch.diff(levels, dim=-1)
