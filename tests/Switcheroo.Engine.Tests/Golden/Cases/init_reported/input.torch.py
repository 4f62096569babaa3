import math

import torch.nn as nn


class Head(nn.Module):
    def __init__(self, features, classes, prior=0.01):
        super().__init__()
        self.layers = nn.Sequential(*[nn.Linear(features, features) for _ in range(2)])
        self.logits = nn.Linear(features, classes)
        self.extra = nn.Linear(features, classes)
        # computed from a local the constructor computes: stays, reported
        bound = 1 / math.sqrt(features)
        nn.init.constant_(self.logits.bias, -math.log((1 - prior) / prior) * bound)
        # a mean other than 0 has no Flax normal initializer
        nn.init.normal_(self.extra.weight, mean=1.0, std=0.1)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)

    def forward(self, x):
        return self.logits(self.layers(x)) + self.extra(x)


class Probe(nn.Module):
    def __init__(self, features):
        super().__init__()
        self.hidden = nn.Linear(features, features)
        self.out = nn.Linear(features, 1)
        self.out.spread = 0.005
        # the standard deviation is an attribute of single layers, which a Flax layer cannot carry: reported
        for layer in self.modules():
            if isinstance(layer, nn.Linear):
                spread = getattr(layer, "spread", 0.2)
                nn.init.trunc_normal_(layer.weight, std=spread, a=-0.5, b=0.5)

    def forward(self, x):
        return self.out(self.hidden(x))


class Stem(nn.Module):
    def __init__(self, patch, stacked=False):
        super().__init__()
        if stacked:
            self.proj = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.Conv2d(8, 8, patch, stride=patch))
        else:
            self.proj = nn.Conv2d(3, 8, patch, stride=patch)
        # under a test of what the module holds, which the conversion does not decide: reported
        if isinstance(self.proj, nn.Conv2d):
            nn.init.zeros_(self.proj.bias)

    def forward(self, x):
        return self.proj(x)


def weights_init(m):
    if isinstance(m, nn.Linear):
        nn.init.zeros_(m.weight)


net = Head(4, 2)
net.apply(weights_init)
