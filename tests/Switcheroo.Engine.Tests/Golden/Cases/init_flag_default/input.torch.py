import warnings

import torch.nn as nn


def stage(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU())


class Stacked(nn.Module):
    def __init__(self, classes=5, reset=None):
        super().__init__()
        if reset is None:
            warnings.warn("reset will default to False later", FutureWarning)
            reset = True
        self.body = nn.Sequential(*[stage(3 if i == 0 else 8, 8) for i in range(2)])
        self.fc = nn.Linear(8, classes)
        # None means True: the constructor said so above
        if reset:
            for m in self.modules():
                if isinstance(m, (nn.Conv2d, nn.Linear)):
                    nn.init.normal_(m.weight, 0, 0.02)

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))


class Flipped(nn.Module):
    def __init__(self, reset=True):
        super().__init__()
        self.body = nn.Sequential(*[stage(3, 8)])
        if reset:
            for m in self.modules():
                if isinstance(m, nn.Conv2d):
                    nn.init.zeros_(m.bias)
        # rebinding after the loop: the field does not say what the loop saw
        if reset is None:
            reset = False

    def forward(self, x):
        return self.body(x)
