import torch
import torch.nn as nn


class Squeeze(nn.Module):
    """A block of the file the loop of the model below reaches."""

    def __init__(self, inplanes: int, planes: int):
        super().__init__()
        self.squeeze = nn.Conv2d(inplanes, planes, kernel_size=1)
        self.expand = nn.Conv2d(planes, inplanes, kernel_size=3, padding=1)

    def forward(self, x):
        return torch.relu(self.expand(torch.relu(self.squeeze(x))))


class Classifier(nn.Module):
    """The stem chosen by a constructor argument (one of the two runs); the last convolution,
    held in a local and placed in a Sequential, drawn otherwise than the rest."""

    def __init__(self, version: str = "small", num_classes: int = 10):
        super().__init__()
        if version == "small":
            self.features = nn.Sequential(nn.Conv2d(3, 16, kernel_size=3, stride=2), nn.ReLU(), Squeeze(16, 4))
        elif version == "large":
            self.features = nn.Sequential(nn.Conv2d(3, 16, kernel_size=5, stride=2), nn.ReLU(), Squeeze(16, 8), Squeeze(16, 8))
        else:
            raise ValueError(f"unknown version {version}")
        final_conv = nn.Conv2d(16, num_classes, kernel_size=1)
        self.classifier = nn.Sequential(nn.Dropout(p=0.5), final_conv, nn.ReLU(), nn.AdaptiveAvgPool2d((1, 1)))
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                if m is final_conv:
                    nn.init.normal_(m.weight, mean=0.0, std=0.01)
                else:
                    nn.init.kaiming_uniform_(m.weight)
                if m.bias is not None:
                    nn.init.constant_(m.bias, 0)

    def forward(self, x):
        return torch.flatten(self.classifier(self.features(x)), 1)


class Stacked(nn.Module):
    """Reported: the loop reaches layers built in a loop, so it would be applied when the model
    initialises, where a module cannot be compared with a local."""

    def __init__(self, depth: int = 2):
        super().__init__()
        layers = []
        for _ in range(depth):
            layers.append(nn.Conv2d(8, 8, 3, padding=1))
        self.body = nn.Sequential(*layers)
        last = nn.Conv2d(8, 2, 1)
        self.head = nn.Sequential(last)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                if m is last:
                    nn.init.zeros_(m.weight)
                else:
                    nn.init.xavier_uniform_(m.weight)

    def forward(self, x):
        return self.head(self.body(x))


class Rebound(nn.Module):
    """Reported: the local is bound twice, so which layer it holds is not one construction."""

    def __init__(self, wide: bool = False):
        super().__init__()
        last = nn.Linear(8, 4)
        if wide:
            last = nn.Linear(8, 16)
        self.head = nn.Sequential(nn.Linear(8, 8), last)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                if m is last:
                    nn.init.zeros_(m.weight)
                else:
                    nn.init.ones_(m.weight)

    def forward(self, x):
        return self.head(x)


class Held(nn.Module):
    """The local layer assigned to the module too: the loop reaches it once, as torch's does."""

    def __init__(self):
        super().__init__()
        last = nn.Linear(8, 4)
        self.last = last
        self.body = nn.Linear(8, 8)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                if m is last:
                    nn.init.zeros_(m.weight)
                else:
                    nn.init.ones_(m.weight)

    def forward(self, x):
        return self.last(self.body(x))
