import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, width, depth=2):
        super().__init__()
        self.stem = nn.Linear(width, width)
        self.blocks = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])

    def forward(self, x):
        x = self.stem(x)
        for block in self.blocks:
            x = torch.relu(block(x))
        return x


# No constructor: every field and layer is the base's.
class PlainEncoder(Encoder):
    def forward(self, x):
        return super().forward(x) * 2


# The base's arguments first, passed on unchanged; a new one with a default after them.
class HeadedEncoder(Encoder):
    def __init__(self, width, depth=2, classes=10):
        super().__init__(width, depth=depth)
        self.head = nn.Linear(width, classes)

    def forward(self, x):
        return self.head(super().forward(x))


# A base argument whose default changes.
class DeepEncoder(Encoder):
    def __init__(self, width, depth=4):
        super(DeepEncoder, self).__init__(width, depth)
        self.norm = nn.LayerNorm(width)

    def forward(self, x):
        return self.norm(Encoder.forward(self, x))


# *args, **kwargs passed on: the base's arguments exactly.
class DroppingEncoder(Encoder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        return self.drop(super().forward(x))


# The child of a child that carries the train flag, with no arguments of its own.
class TwiceDroppingEncoder(DroppingEncoder):
    def forward(self, x):
        return self.drop(super().forward(x))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = TwiceDroppingEncoder(8, depth=3)
        self.other = HeadedEncoder(8, 1, 5)

    def forward(self, x):
        return self.other(self.encoder(x))
