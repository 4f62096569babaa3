# Size, padding and axes forms, decided from the parse tree where the value's kind is known
# (a literal, an int-annotated parameter, an int constant), by a runtime helper otherwise.
import torch
import torch.nn as nn
import torch.nn.functional as F

KERNEL = 3


class Forms(nn.Module):
    def __init__(self, channels: int, k: int, d: int, stride: int = 1, size=3, padding=1, shape=(8,)):
        super().__init__()
        # Conv: kernel sizes become tuples; Flax takes int strides, dilation and padding as torch does
        self.literal = nn.Conv2d(channels, channels, 3, padding=1)
        self.grouped = nn.Conv2d(channels, channels, kernel_size=(k), stride=stride, padding=(k - 1) * (d), dilation=d)
        self.halved = nn.Conv2d(channels, channels, KERNEL, padding=(k // 2))
        self.pair = nn.Conv2d(channels, channels, (3, 5), padding="same")
        self.valid = nn.Conv2d(channels, channels, size)
        self.line = nn.Conv1d(channels, channels, 3)
        # pooling: (low, high) pairs; no padding is Flax's default and is left out
        self.pool = nn.MaxPool2d(2)
        self.padded = nn.MaxPool2d(3, stride=2, padding=1)
        self.uneven = nn.AvgPool2d(3, stride=1, padding=(1, 0))
        self.computed = nn.MaxPool2d(k, stride=1, padding=(k - 1) // 2)
        self.unknown = nn.MaxPool2d(size, padding=padding)
        # LayerNorm: one axis is Flax's default; a tuple gives its trailing axes
        self.norm = nn.LayerNorm(k)
        self.norm2 = nn.LayerNorm((4, 5), elementwise_affine=False)
        self.norm_unknown = nn.LayerNorm(shape, eps=1e-6)

    def forward(self, x):
        x = self.pool(self.literal(x))
        flat = torch.flatten(x, 1)
        pooled = torch.flatten(self.pool(x), 1)
        left, right = x.split(2, dim=1)
        first, second = flat.chunk(2)
        # a value written twice by the template is a name here; a computed one goes to a helper
        noise = torch.randn_like(self.pool(x))
        jitter = torch.rand_like(x) + torch.rand_like(x * 2)
        mask = torch.bernoulli(torch.sigmoid(x)) * torch.bernoulli(jitter)
        wide = x.expand((2, -1, -1, -1))
        tokens = self.pool(x)[:1].expand(x.shape[0], -1, -1, -1)
        return F.dropout(flat + pooled, 0.2, self.training), left, right, first, second, noise, mask, wide, tokens
