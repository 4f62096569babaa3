import torch.nn as nn
import torch.nn.functional as F


class Volume(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.norm = nn.InstanceNorm3d(channels, affine=True)
        self.pool = nn.MaxPool3d(2, ceil_mode=True)
        self.line = nn.MaxPool1d(3, stride=2, ceil_mode=True)
        self.plain = nn.MaxPool1d(2)
        self.average = nn.AvgPool2d(3, stride=2, ceil_mode=True)

    def forward(self, x, w, b, mean, var):
        y = self.pool(self.norm(x))
        z = F.instance_norm(y, weight=w, bias=b, eps=1e-3)
        s = self.line(self.plain(F.instance_norm(z.mean(-1))))
        return s, F.instance_norm(y, mean, var), self.average(y.mean(-1))
