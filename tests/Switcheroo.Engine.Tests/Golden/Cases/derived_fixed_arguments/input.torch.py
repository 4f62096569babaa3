# Subclasses that fix some of their base's arguments (torch's UpsamplingNearest2d, LSTMCell, LSTM),
# pass them through a dict of keywords (factory_kwargs), or take them in another order.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Resize(nn.Module):
    def __init__(self, size=None, factor=None, how="nearest", corners=None):
        super().__init__()
        self.size = size
        self.factor = factor
        self.how = how
        self.corners = corners

    def forward(self, x):
        return F.interpolate(x, self.size, self.factor, self.how, self.corners)


# The base's 'how' is fixed and 'corners' not taken: both become keyword-only fields with those defaults.
class NearestResize(Resize):
    def __init__(self, size=None, factor=None):
        super().__init__(size, factor, how="nearest")


class BilinearResize(Resize):
    def __init__(self, size=None, factor=None):
        super(BilinearResize, self).__init__(size, factor, how="bilinear", corners=True)


class Gate(nn.Module):
    def __init__(self, features, hidden, bias, chunks, device=None, dtype=None):
        super().__init__()
        self.proj = nn.Linear(features, hidden * chunks, bias=bias)
        self.chunks = chunks

    def forward(self, x):
        return sum(self.proj(x).chunk(self.chunks, dim=-1))


# chunks is fixed; the keywords come through a dict the constructor builds; bias gets a default.
class TripleGate(Gate):
    def __init__(self, features, hidden, bias=True, device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__(features, hidden, bias, chunks=3, **factory_kwargs)


class Mixer(nn.Module):
    def __init__(self, kind, width, depth=1):
        super().__init__()
        self.kind = kind
        self.layers = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])

    def forward(self, x):
        for layer in self.layers:
            x = torch.tanh(layer(x)) if self.kind == "tanh" else torch.relu(layer(x))
        return x


# A positional value before *args fixes the base's first field, keyword-only then, so that the
# positional arguments fill the fields after it, as *args did.
class TanhMixer(Mixer):
    def __init__(self, *args, **kwargs):
        super().__init__("tanh", *args, **kwargs)


# Its own argument comes before the base's, which Flax's fields put first: 'size' and 'factor' are keyword-only.
class ScaledResize(Resize):
    def __init__(self, scale, size=None, factor=None):
        super().__init__(size, factor)
        self.scale = scale

    def forward(self, x):
        return super().forward(x) * self.scale


# Reported: the dict holds a value the constructor computes.
class ComputedGate(Gate):
    def __init__(self, features, hidden, bias=True):
        extra = {"chunks": hidden // 2}
        super().__init__(features, hidden, bias, **extra)


def build():
    return NearestResize(factor=2), BilinearResize(None, 2), TripleGate(4, 6), TanhMixer(5, depth=2)
