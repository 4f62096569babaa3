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
