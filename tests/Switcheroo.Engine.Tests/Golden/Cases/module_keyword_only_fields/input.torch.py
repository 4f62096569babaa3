import torch.nn as nn


class Block(nn.Module):
    def __init__(self, channels, *, groups, bias=True):
        super().__init__()
        self.conv = nn.Linear(channels, channels * groups, bias=bias)

    def forward(self, x):
        return self.conv(x)


class Gate(nn.Module):
    def __init__(self, *, width, rate=0.5):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.drop = nn.Dropout(rate)

    def forward(self, x):
        return self.drop(self.fc(x))


class Stack(nn.Module):
    def __init__(self, channels=4, *, depth):
        super().__init__()
        self.blocks = nn.ModuleList([Block(channels, groups=1) for _ in range(depth)])
        self.gate = Gate(width=channels)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.gate(x)


class WideBlock(Block):
    def __init__(self, channels, scale=2, *, groups, bias=False, extra=1):
        super().__init__(channels, groups=groups, bias=bias)
        self.out = nn.Linear(channels, scale * extra)


# A field's default stands where no module is: the class follows the module that builds it.
class Normed(nn.Module):
    def __init__(self, *, width, norm_layer=nn.BatchNorm1d):
        super().__init__()
        self.norm = norm_layer(width)

    def forward(self, x):
        return self.norm(x)
