"""Classes that subclass nn.Sequential: the layers they pass to super().__init__ or assign."""
from collections import OrderedDict

import torch
from torch import nn

SWITCHEROO_EXAMPLES = {
    "Net": {"input_shape": [2, 3, 16, 16]},
    "Stem": {"args": [3], "input_shape": [2, 3, 8, 8]},
    "Squeeze": {"args": [4], "input_shape": [2, 4, 6, 6]},
    "Downsample": {"args": [4, 8], "input_shape": [2, 4, 8, 8]},
    "Classifier": {"args": [12, 8, 3], "input_shape": [2, 3, 2, 2]},
}


class Stem(nn.Sequential):
    """Layers given to the constructor one by one."""

    def __init__(self, channels: int, width: int = 16):
        super().__init__(
            nn.Conv2d(channels, width, 3, padding=1, bias=False),
            nn.BatchNorm2d(width),
            nn.ReLU(inplace=True),
        )


class Classifier(nn.Sequential):
    def __init__(self, features: int, hidden: int, classes: int, p: float = 0.25):
        blocks = [nn.Flatten(), nn.Linear(features, hidden), nn.GELU()]
        if p > 0:
            blocks.append(nn.Dropout(p))
        blocks.append(nn.Linear(hidden, classes))
        super(Classifier, self).__init__(*blocks)


class Squeeze(nn.Sequential):
    """Its own forward reads the layers through self."""

    def __init__(self, channels: int):
        super().__init__(nn.AdaptiveAvgPool2d(1), nn.Conv2d(channels, channels, 1), nn.Sigmoid())

    def forward(self, x):
        scale = self[0](x)
        for layer in list(self)[1:]:
            scale = layer(scale)
        assert len(self) == 3
        return x * scale


class Downsample(nn.Sequential):
    """Layers registered as attributes, applied in the order assigned (torch keys norm.*, conv.*)."""

    def __init__(self, in_channels: int, out_channels: int):
        super().__init__()
        self.norm = nn.BatchNorm2d(in_channels)
        self.act = nn.ReLU()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False)
        self.pool = nn.AvgPool2d(kernel_size=2, stride=2)


class Identity(nn.Sequential):
    def __init__(self):
        super().__init__()


class Named(nn.Sequential):
    def __init__(self, width: int):
        super().__init__(OrderedDict(fc=nn.Linear(width, width), act=nn.ReLU()))


class Stage(nn.Sequential):
    def __init__(self, width: int, depth: int):
        super().__init__()
        for i in range(depth):
            self.add_module(f"block{i}", nn.Linear(width, width))


class Net(nn.Module):
    def __init__(self, classes: int = 10):
        super().__init__()
        self.stem = Stem(3)
        self.squeeze = Squeeze(16)
        self.down = Downsample(16, 32)
        self.skip = Identity()
        self.head = Classifier(32 * 8 * 8, 64, classes)
        self.norm = nn.BatchNorm2d(32)

    def forward(self, x):
        x = self.down(self.squeeze(self.stem(x)))
        return self.head(self.skip(self.norm(x)))


model = Net()
out = model(torch.randn(2, 3, 16, 16))
