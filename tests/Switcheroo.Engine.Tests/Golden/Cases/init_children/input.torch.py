import torch
import torch.nn as nn


class Inner(nn.Module):
    """A module item of a Sequential: torch's children() of the Sequential stops at it."""

    def __init__(self, width: int):
        super().__init__()
        self.conv = nn.Conv2d(width, width, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Tower(nn.Module):
    """The items written out: initializer arguments on the Conv2d items, not on the one inside Inner."""

    def __init__(self, width: int = 8):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(width, width, 3, padding=1), nn.ReLU(), Inner(width), nn.Conv2d(width, width, 1))
        for layer in self.body.children():
            if isinstance(layer, nn.Conv2d):
                nn.init.normal_(layer.weight, std=0.01)
                nn.init.constant_(layer.bias, 0)

    def forward(self, x):
        return self.body(x)


class Head(nn.Module):
    """The items built in a loop (fcos's heads): applied when the model initialises, to the items alone."""

    def __init__(self, width: int = 8, depth: int = 2, classes: int = 3):
        super().__init__()
        conv = []
        for _ in range(depth):
            conv.append(nn.Conv2d(width, width, kernel_size=3, stride=1, padding=1))
            conv.append(nn.GroupNorm(4, width))
            conv.append(nn.ReLU())
        self.conv = nn.Sequential(*conv)
        for layer in self.conv.children():
            if isinstance(layer, nn.Conv2d):
                torch.nn.init.normal_(layer.weight, std=0.01)
                torch.nn.init.zeros_(layer.bias)
        self.logits = nn.Conv2d(width, classes, kernel_size=3, padding=1)
        torch.nn.init.normal_(self.logits.weight, std=0.01)

    def forward(self, x):
        return self.logits(self.conv(x))


class Wrapped(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.conv = nn.Conv2d(width, width, 1)

    def forward(self, x):
        return self.conv(x)


class Nested(nn.Module):
    """Reported: the children of a module class of the file."""

    def __init__(self, width: int = 8):
        super().__init__()
        self.inner = Wrapped(width)
        for layer in self.inner.children():
            if isinstance(layer, nn.Conv2d):
                nn.init.zeros_(layer.bias)

    def forward(self, x):
        return self.inner(x)
