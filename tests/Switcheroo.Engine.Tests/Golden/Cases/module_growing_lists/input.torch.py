"""Lists of layers filled after they are created: Flax freezes a list assigned in setup."""
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.fc = nn.Linear(width, width)

    def forward(self, x):
        return self.fc(x)


class Stack(nn.Module):
    def __init__(self, width, depth, extra=True):
        super().__init__()
        self.blocks = nn.ModuleList()
        for i in range(depth):
            if i % 2 == 0:
                self.blocks.append(Block(width))
            else:
                self.blocks.extend([Block(width), Block(width)])
        if extra:
            self.blocks += [Block(width)]
        self.count = len(self.blocks)
        self.heads = []
        blocks = 3
        for _ in range(blocks):
            self.heads.append(nn.Linear(width, width))
        self.head = self.heads[-1]

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)


class Patched(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.layers = []
        self.layers.append(nn.Linear(width, width))
        self.layers[0] = nn.Linear(width, 2 * width)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Grown(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.layers = nn.ModuleList()
        self.layers.append(nn.Linear(width, width))

    def grow(self, width):
        self.layers.append(nn.Linear(width, width))

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Ratios(nn.Module):
    """A list built by a comprehension in a branch, then grown there; a field shadowed by the attribute."""

    def __init__(self, count, low=0.2, high=0.8, ratios=None, mode="spread"):
        super().__init__()
        if ratios is None:
            if count > 1:
                self.ratios = [low + (high - low) * k / (count - 1) for k in range(count)]
                self.ratios.append(1.0)
                self.ratios.extend([high] * 2)
            else:
                self.ratios = [low, high]
        else:
            self.ratios = ratios
        if mode == "spread":
            self.widths = [8, 16]
            self.widths.append(32)
        else:
            self.widths = []
            self.widths.append(4)
        self.proj = nn.Linear(len(self.ratios), self.widths[-1])

    def forward(self, x):
        return self.proj(x * self.ratios[0])
