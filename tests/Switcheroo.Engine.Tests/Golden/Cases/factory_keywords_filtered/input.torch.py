"""Device and dtype gathered in factory_kwargs, passed whole to some tensors and less a key to others, as
torch's _NormBase builds its step counter: a dict comprehension over the items that leaves out literal
keys is the remaining keywords. A filter of another shape keeps the dict as written, and is reported."""
import torch
import torch.nn as nn


class ShiftScale(nn.Module):
    def __init__(self, features, device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        self.scale = nn.Parameter(torch.ones(features, **factory_kwargs))
        self.register_buffer("steps", torch.tensor(0, dtype=torch.long, **{k: v for k, v in factory_kwargs.items() if k != "dtype"}))
        self.register_buffer(
            "shift",
            torch.full((features,), 0.5, **{key: value for key, value in factory_kwargs.items() if key not in ("device",)}),
        )

    def forward(self, x):
        return x * self.scale + self.shift


class Prefixed(nn.Module):
    def __init__(self, features, device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        self.scale = nn.Parameter(torch.ones(features, **factory_kwargs))
        self.register_buffer("steps", torch.zeros((), **{k: v for k, v in factory_kwargs.items() if not k.startswith("d")}))

    def forward(self, x):
        return x * self.scale
