import torch
import torch.nn as nn


# **options goes whole to the convolution: every construction of the file passes kernel_size,
# and some stride or padding, so those become keyword-only fields with torch's defaults.
class ConvUnit(nn.Module):
    def __init__(self, cin: int, cout: int, **options) -> None:
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, bias=False, **options)
        self.norm = nn.BatchNorm2d(cout)

    def forward(self, x):
        return torch.relu(self.norm(self.conv(x)))


# Built by name, and through a name bound to the class where none is given.
class Stem(nn.Module):
    def __init__(self, width=16, unit=None):
        super().__init__()
        if unit is None:
            unit = ConvUnit
        self.first = ConvUnit(3, width, kernel_size=3, stride=2)
        self.second = unit(width, width, kernel_size=(1, 3), padding=(0, 1))

    def forward(self, x):
        return self.second(self.first(x))


# Blocks given as a list: an item of it builds the units.
class Tower(nn.Module):
    def __init__(self, blocks=None):
        super().__init__()
        if blocks is None:
            blocks = [ConvUnit, Stem]
        unit = blocks[0]
        stem = blocks[1]
        self.stem = stem(8)
        self.head = unit(8, 4, kernel_size=1)

    def forward(self, x):
        return self.head(self.stem(x))


# Read as well as forwarded: no field can stand for what it holds.
class Logged(nn.Module):
    def __init__(self, width, **options):
        super().__init__()
        self.options = options
        self.fc = nn.Linear(width, width, **options)

    def forward(self, x):
        return self.fc(x)


# A keyword the layer does not take: torch would fail; the class stays as it is.
class Odd(nn.Module):
    def __init__(self, width, **options):
        super().__init__()
        self.fc = nn.Linear(width, width, **options)

    def forward(self, x):
        return self.fc(x)


def odd():
    return Odd(4, scale=2)


# Forwarded keywords that could be named, in a class that does not convert for another reason (it
# reads its *args): it stays exactly as written.
class Widened(nn.Module):
    def __init__(self, width, *extra, **options):
        super().__init__()
        self.fc = nn.Linear(width + sum(extra), width, **options)

    def forward(self, x):
        return self.fc(x)


def widened():
    return Widened(4, 2, bias=False)
