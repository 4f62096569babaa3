import torch
import torch.nn as nn


# **opts is read only by constant keys with literal defaults: each key becomes a keyword-only
# field with that default; torch ignored every other key, and so does the Flax module.
class Blend(nn.Module):
    def __init__(self, channels, depth=1, **opts):
        super().__init__()
        self.proj = nn.Linear(channels, channels)
        self._residual = opts.pop("_residual", True)
        self.mix = opts.get("mix", 0.25)
        self.offset = opts.get("offset")

    def forward(self, x):
        y = self.proj(x) * self.mix
        if self.offset is not None:
            y = y + self.offset
        return x + y if self._residual else y


def make_blend(channels, **opts):
    return Blend(channels, **opts)


# A default computed from another argument cannot be a field's default: reported.
class Widened(nn.Module):
    def __init__(self, width, **opts):
        super().__init__()
        hidden = opts.pop("hidden", width * 2)
        self.fc = nn.Linear(width, hidden)

    def forward(self, x):
        return self.fc(x)


# Whether a key was passed at all: a keyword-only field defaulting to a sentinel no caller passes
# (module_tested_keywords).
class Switched(nn.Module):
    def __init__(self, width, **opts):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.gain = 2.0 if "boost" in opts else 1.0

    def forward(self, x):
        return self.fc(x) * self.gain


# The same key popped twice gives its default the second time: reported.
class Twice(nn.Module):
    def __init__(self, width, **opts):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.first = opts.pop("scale", 1.0)
        self.second = opts.pop("scale", 3.0)

    def forward(self, x):
        return self.fc(x) * self.first * self.second
