"""An init loop over self.modules() whose class stores a module its caller built.

torch's loop reaches the layers of that module too (the backbone's convolution here), which the
converted class cannot see when it is written: the loop is applied when the model initialises,
where the runtime walks the modules that exist.
"""
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, backbone: nn.Module, width: int, classes: int):
        super().__init__()
        self.backbone = backbone
        self.width = width
        self.fc = nn.Linear(width, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.Linear):
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.fc(self.backbone(x))


class Tagger(nn.Module):
    """A stored argument that is a plain value: the loop reaches only the class's own layers."""

    def __init__(self, scale: float, classes: int):
        super().__init__()
        self.scale = scale
        self.fc = nn.Linear(6, classes)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.fc(x) * self.scale


def build(classes):
    stem = nn.Sequential(nn.Conv2d(3, 6, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
    return Classifier(stem, 6, classes)
