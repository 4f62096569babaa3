import torch.nn as nn


def stage(channels, count):
    layers = []
    for _ in range(count):
        layers.append(nn.Conv2d(channels, channels, 3, padding=1))
        layers.append(nn.ReLU())
    return layers


class Detector(nn.Module):
    """A head whose trunk is built from a list: its loop walks the trunk alone, at init."""

    def __init__(self, channels=8, anchors=3):
        super().__init__()
        self.trunk = nn.Sequential(*stage(channels, 2))
        # only the trunk's convolutions: the scores below keep their own initialisation
        for layer in self.trunk.modules():
            if isinstance(layer, nn.Conv2d):
                nn.init.normal_(layer.weight, std=0.02)
                if layer.bias is not None:
                    nn.init.constant_(layer.bias, 0)
        self.scores = nn.Conv2d(channels, anchors, 1)
        self.boxes = nn.Conv2d(channels, anchors * 4, 1)
        for layer in [self.scores, self.boxes]:
            nn.init.normal_(layer.weight, std=0.01)
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        x = self.trunk(x)
        return self.scores(x), self.boxes(x)


class Mixer(nn.Module):
    """Layers the file shows: its loops become initializer arguments."""

    def __init__(self, width=16):
        super().__init__()
        self.inner = nn.Sequential(nn.Linear(width, width * 2), nn.GELU(), nn.Linear(width * 2, width))
        self.norm = nn.LayerNorm(width)
        self.out = nn.Linear(width, 4)
        for m in self.inner.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.normal_(m.bias, std=1e-6)
        self._reset()

    def _reset(self):
        """Every Linear small; the loop above ran first, so this one wins."""
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.trunc_normal_(m.weight, std=0.02)
            elif isinstance(m, nn.LayerNorm):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.out(self.norm(x + self.inner(x)))


class Stack(nn.Module):
    """A list of layers has no one path in Flax: reported."""

    def __init__(self, width=4):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(width, width) for _ in range(3)])
        for m in self.layers.modules():
            if isinstance(m, nn.Linear):
                nn.init.zeros_(m.bias)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
