import torch
import torch.nn as nn
import torch.nn.functional as F


class Blocks(nn.Module):
    """Pooling and activations as functions, with torch's arguments as literals and as attributes."""

    def __init__(self, channels: int, dilation=2, slope_low=0.1, approximate="tanh"):
        super().__init__()
        self.dilation = dilation
        self.slope_low = slope_low
        self.approximate = approximate
        self.alpha = nn.Parameter(torch.full((channels,), 0.2))
        self.gain = nn.Parameter(torch.ones(channels))
        self.shift = nn.Parameter(torch.zeros(channels))

    def forward(self, x, tokens, table):
        a = F.max_pool1d(x.mean(3), 3, 2, 1)
        b = F.max_pool2d(x, 3, 1, 1, self.dilation)
        c, where = F.max_pool3d(x.unsqueeze(2), (1, 2, 2), return_indices=True)
        d = F.avg_pool1d(x.sum(2), 2) + F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False).mean()
        e = F.avg_pool3d(x.unsqueeze(2), (1, 3, 3), 1, (0, 1, 1), divisor_override=4)
        f = F.lp_pool2d(x, 2.0, 2) + F.lp_pool1d(x.flatten(2), 3.0, 4, 2).sum()
        g = F.adaptive_max_pool1d(x.flatten(2), 5) + F.adaptive_max_pool3d(x.unsqueeze(2), (1, 2, 2)).sum()
        h = F.celu(x, 0.5) + F.glu(x, 1).sum() + F.hardshrink(x, 0.3) + F.softshrink(x) + F.tanhshrink(x)
        i = F.threshold(x, 0.1, -1.0) + F.softplus(x, beta=2, threshold=10) + F.softplus(x, 1, 20)
        j = F.gelu(x, approximate=self.approximate) + F.gelu(x) + F.prelu(x, self.alpha)
        k = F.rrelu(x, self.slope_low, 0.4) + F.rrelu(x, training=self.training)
        m = F.softmin(x, 1) + F.softmin(x) + F.log_softmax(x, -1, _stacklevel=5)
        n = F.group_norm(x, 2, self.gain, self.shift, eps=1e-3) + F.local_response_norm(x, 3, k=2.0)
        o = F.embedding(tokens, table, padding_idx=0) + F.embedding(tokens, table, max_norm=1.0)
        peaks, at = F.adaptive_max_pool2d(x, 3, True)
        q = F.max_unpool2d(peaks, at, 2, output_size=x.shape)
        row, places = F.max_pool1d(x.flatten(2), 4, return_indices=True)
        r = F.max_unpool1d(row, places, 4)
        return a, b, c, where, d, e, f, g, h, i, j, k, m, n, o, q, r
