import math

import torch
import torch.nn as nn


class Stage(nn.Module):
    """Convolutions drawn from N(0, 2 / fan_out), the fan-out written out by hand."""

    def __init__(self, width=16, depth=2):
        super().__init__()
        blocks = []
        for _ in range(depth):
            blocks.append(nn.Conv2d(width, width, 3, padding=1, groups=4, bias=False))
            blocks.append(nn.BatchNorm2d(width))
        self.blocks = nn.Sequential(*blocks)
        self.stem = nn.Conv2d(3, width, kernel_size=(3, 5), padding=(1, 2))
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                fan_out = m.out_channels * m.kernel_size[1] * m.kernel_size[0]
                nn.init.normal_(m.weight, mean=0.0, std=math.sqrt(2.0 / fan_out))  # type: ignore[arg-type]
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.blocks(self.stem(x))


class Wide(nn.Module):
    """The same on layers the class declares: written as initializer arguments."""

    def __init__(self, width=8):
        super().__init__()
        self.conv = nn.Conv2d(width, 2 * width, 1)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                fan = m.kernel_size[0] * m.kernel_size[1] * m.out_channels
                nn.init.normal_(m.weight, 0.0, math.sqrt(1.0 / fan))

    def forward(self, x):
        return self.conv(x)


class Tokens(nn.Module):
    """Parameters only: the loop of the model that builds it draws them all."""

    def __init__(self, width: int, length: int, learned: bool):
        super().__init__()
        self.length = length
        self.cls = nn.Parameter(torch.zeros(width))
        self.positions = None
        if learned:
            self.positions = nn.Parameter(torch.zeros(self.length, width))

    def forward(self, x):
        x = torch.cat([self.cls + torch.zeros_like(x[:, :1]), x], dim=1)
        return x if self.positions is None else x + self.positions


class Attention(nn.Module):
    """A table built and drawn under a condition."""

    def __init__(self, width: int, relative: bool):
        super().__init__()
        self.qkv = nn.Linear(width, 3 * width)
        self.table = None
        if relative:
            size = 2 * width - 1
            self.table = nn.Parameter(torch.zeros(size, width))
            nn.init.trunc_normal_(self.table, std=0.02)

    def forward(self, x):
        return self.qkv(x)


class Encoder(nn.Module):
    """A repeated test in a branch, and a branch over every parameter of a module class."""

    def __init__(self, width=32, layers=2):
        super().__init__()
        self.tokens = Tokens(width, 4, True)
        body = []
        for _ in range(layers):
            body.append(Attention(width, True))
            body.append(nn.Linear(3 * width, width))
        self.body = nn.Sequential(*body)
        self.norm = nn.LayerNorm(width)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.trunc_normal_(m.weight, std=0.02)
                if isinstance(m, nn.Linear) and m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.LayerNorm):
                if m.weight is not None:
                    nn.init.ones_(m.weight)
            elif isinstance(m, Tokens):
                for p in m.parameters():
                    nn.init.trunc_normal_(p, std=0.02)

    def forward(self, x):
        return self.norm(self.body(self.tokens(x)))


class Dense(nn.Module):
    """Reported: a fan-out read on a layer that is not that convolution."""

    def __init__(self, width=8):
        super().__init__()
        self.fc = nn.Linear(width, width)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                fan_out = m.kernel_size[0] * m.out_channels
                nn.init.normal_(m.weight, std=math.sqrt(2.0 / fan_out))

    def forward(self, x):
        return self.fc(x)


class Upsample(nn.Module):
    """A transposed convolution's fans are torch's on its Flax kernel; an instance norm without affine has nothing to set."""

    def __init__(self, width=8, classes=3):
        super().__init__()
        self.norm = nn.InstanceNorm2d(width)
        self.affine = nn.InstanceNorm2d(width, affine=True)
        self.up = nn.ConvTranspose2d(width, classes, 4, stride=2, padding=1)
        nn.init.kaiming_normal_(self.up.weight, mode="fan_out", nonlinearity="relu")
        nn.init.constant_(self.up.bias, 0)
        for m in self.modules():
            if isinstance(m, nn.InstanceNorm2d):
                if m.weight is not None:
                    nn.init.constant_(m.weight, 0.5)
                if m.bias is not None:
                    nn.init.constant_(m.bias, 0)

    def forward(self, x):
        return self.up(self.affine(self.norm(x)))
