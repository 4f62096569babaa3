"""Containers that name their layers: the names are the state_dict keys, so they stay the layers' names."""
from collections import OrderedDict

import torch
from torch import nn

SWITCHEROO_EXAMPLES = {
    "Tower": {"args": [6], "input_shape": [2, 6, 5, 5]},
    "Mixer": {"args": [3, 4], "input_shape": [2, 4]},
    "Branches": {"args": [4], "input_shape": [3, 4]},
    "Trunk": {"args": [4, 2], "input_shape": [2, 4]},
    "Pyramid": {"args": [4, 3], "input_shape": [2, 4]},
}


class Tower(nn.Sequential):
    """An OrderedDict filled in the constructor, one layer under a condition."""

    def __init__(self, channels: int, gated: bool = True):
        parts: "OrderedDict[str, nn.Module]" = OrderedDict()
        parts["squeeze"] = nn.Conv2d(channels, channels // 2, kernel_size=1)
        parts["act"] = nn.ReLU()
        if gated:
            parts["gate"] = nn.Sigmoid()
        parts["widen"] = nn.Conv2d(channels // 2, channels, kernel_size=1)
        super().__init__(parts)


class Mixer(nn.ModuleDict):
    """Layers added in a loop under computed names; forward walks them in order."""

    def __init__(self, depth: int, width: int):
        super().__init__()
        for k in range(depth):
            self.add_module("mix%d" % (k + 1), nn.Linear(width * (k + 1), width))

    def forward(self, x):
        seen = [x]
        for _, mix in self.items():
            seen.append(torch.tanh(mix(torch.cat(seen, dim=1))))
        return torch.cat(seen, dim=1)


class Branches(nn.ModuleDict):
    """Layers set by key; read by key, by value and counted."""

    def __init__(self, width: int):
        super().__init__()
        self["left"] = nn.Linear(width, 2)
        self["right"] = nn.Linear(width, 2)

    def forward(self, x):
        total = sum(branch(x) for branch in self.values())
        assert len(self) == 2 and list(self.keys()) == ["left", "right"]
        return total + self["left"](x)


class Trunk(nn.Module):
    """Sequentials built from OrderedDicts as values."""

    def __init__(self, width: int, blocks: int):
        super().__init__()
        self.stem = nn.Sequential(OrderedDict([("proj", nn.Linear(width, width)), ("act", nn.GELU())]))
        stages = OrderedDict()
        for b in range(blocks):
            stages[f"stage{b}"] = nn.Linear(width, width)
        self.stages = nn.Sequential(stages)

    def forward(self, x):
        return self.stages(self.stem(x))


class Pyramid(nn.Module):
    """A plain module adding layers under computed names, read back by name."""

    def __init__(self, width: int, levels: int):
        super().__init__()
        self.levels = levels
        for i in range(levels):
            self.add_module(f"level{i}", nn.Linear(width, width))

    def forward(self, x):
        for i in range(self.levels):
            x = getattr(self, f"level{i}")(x)
        return x


class Wrapped(nn.ModuleDict):
    """Reported: its layers are another module's children."""

    def __init__(self, backbone: nn.Module):
        super().__init__()
        for name, child in backbone.named_children():
            self.add_module(name, child)


class ByPosition(nn.Sequential):
    """Reported: named layers read by position."""

    def __init__(self, width: int):
        super().__init__(OrderedDict(first=nn.Linear(width, width), second=nn.ReLU()))

    def forward(self, x):
        return self[1](self[0](x))


class Later(nn.ModuleDict):
    """Reported: a layer added outside the constructor."""

    def __init__(self, width: int):
        super().__init__()
        self.width = width

    def grow(self, name: str):
        self.add_module(name, nn.Linear(self.width, self.width))


class Extended(nn.Module):
    """Sequentials extended in the constructor: gathered first, then built once; a layer added after a read is reported."""

    def __init__(self, width: int, tail: OrderedDict):
        super().__init__()
        self.body = nn.Sequential(OrderedDict(fc=nn.Linear(width, width)))
        for k in range(2):
            self.body.add_module(f"extra{k}", nn.Linear(width, width))
        self.body.add_module("out", nn.Linear(width, 1))
        self.neck = nn.Sequential()
        self.neck.add_module("norm", nn.LayerNorm(width))
        assert len(self.neck) == 1
        self.neck.add_module("act", nn.ReLU())
        self.extra = nn.Sequential(tail)

    def forward(self, x):
        return self.extra(self.body(self.neck(x)))
