from functools import partial

import torch
import torch.nn as nn


# **options is never read: torch accepts extra keywords and ignores them. The Flax module has
# no field for them; every construction below that passes only its fields still works.
class Tower(nn.Module):
    def __init__(self, width: int, depth: int = 2, **options) -> None:
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])

    def forward(self, x):
        for layer in self.layers:
            x = torch.tanh(layer(x))
        return x


# *rest is never read either; the arguments after it are keyword-only, in torch as in Flax.
class Scaled(nn.Module):
    def __init__(self, width, *rest, gain=2.0, **unused):
        super().__init__()
        self.proj = nn.Linear(width, 3)
        self.gain = gain

    def forward(self, x):
        return self.proj(x) * self.gain


# No constructor of its own: built by Tower's, which ignores extra keywords too.
class DeepTower(Tower):
    pass


class Pair(nn.Module):
    def __init__(self, width=6):
        super().__init__()
        self.tower = Tower(width, depth=3)
        self.deep = DeepTower(width)
        self.out = Scaled(width, gain=0.5)

    def forward(self, x):
        return self.out(self.tower(x) + self.deep(x))


def is_tower(module) -> bool:
    return isinstance(module, (Tower, Scaled))


# A mapping unpacked: only the keys naming Tower's arguments are passed on, as torch took them.
def from_config(width, **config) -> Tower:
    return Tower(width, **config)


# What torch ignored, the Flax module rejects or takes as a field: reported at the call.
def with_extras():
    return Scaled(4, 7, 8), Scaled(4, dropout=0.1), DeepTower(4, train=False)


# A class given as a value is built where this analysis does not follow it.
tower_of_eight = partial(Tower, 8)


# **options forwarded whole into a layer: the map must see each keyword by name to rename it.
class ConvUnit(nn.Module):
    def __init__(self, cin, cout, **options):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, bias=False, **options)

    def forward(self, x):
        return torch.relu(self.conv(x))


# **options read by key: no field can stand for its keys.
class Resizable(nn.Module):
    def __init__(self, width, **options):
        super().__init__()
        hidden = options.get("hidden", width)
        self.fc = nn.Linear(width, hidden)

    def forward(self, x):
        return self.fc(x)


# *blocks read: no field can stand for its items.
class Chain(nn.Module):
    def __init__(self, *blocks):
        super().__init__()
        self.blocks = nn.ModuleList(blocks)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class Strict(nn.Module):
    def __init__(self, width, /, depth=1):
        super().__init__()
        self.fc = nn.Linear(width, depth)

    def forward(self, x):
        return self.fc(x)
