"""Torch layers used as objects, not only called in forward: each is reported where Flax differs."""
from collections import OrderedDict

import torch.nn as nn


class Tied(nn.Module):
    """Weight tying and reads of a layer's settings: a Flax layer holds no weights, names settings otherwise."""

    def __init__(self, vocab, dim):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.head = nn.Linear(dim, vocab, bias=False)
        self.head.weight = self.emb.weight
        self.width = self.emb.embedding_dim

    def forward(self, x):
        return self.head(self.emb(x))


class Doubled(nn.Linear):
    """A class deriving from a torch layer: a Flax layer is no base for it."""

    def forward(self, x):
        return super().forward(x) * 2


shared = nn.Linear(4, 4)
act = nn.ReLU()


def project(x):
    """A layer built at the top of the file, called in a function: it has no variables there."""
    return act(shared(x))


class Named(nn.Module):
    def __init__(self):
        super().__init__()
        layers = OrderedDict([("fc", nn.Linear(2, 2)), ("act", nn.ReLU())])
        self.body = nn.Sequential(layers)
        self.tail = nn.Sequential(self.body)

    def forward(self, x):
        return self.tail(x)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def encode(self, x):
        return self.fc(x)

    def forward(self, x):
        return self.encode(x)


def shared_encoder():
    """A method the class defines is the class's; one it does not is torch.nn.Module's."""
    encoder = Encoder()
    encoder.share_memory()
    return encoder


class Pair(nn.Module):
    def forward(self, x):
        return x, x * 2


class Chained(nn.Module):
    """flax.linen.Sequential spreads a tuple over the next layer's arguments; torch passes it whole."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(Pair(), nn.Identity())
        self.tail = nn.Sequential(nn.Linear(4, 4), Pair())

    def forward(self, x):
        return self.body(x), self.tail(x)
