import typing
import dataclasses
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


# **opts is read only by constant keys with literal defaults: each key becomes a keyword-only
# field with that default; torch ignored every other key, and so does the Flax module.
class Blend(linen.Module):
    channels: typing.Any
    depth: int = 1
    _: dataclasses.KW_ONLY
    _residual: bool = True
    mix: float = 0.25
    offset: typing.Any = None

    def setup(self):
        channels = self.channels
        self.proj = linen.Dense(
            features=channels,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels),
        )

    def __call__(self, x):
        y = self.proj(x) * self.mix
        if self.offset is not None:
            y = y + self.offset
        return x + y if self._residual else y


def make_blend(channels, **opts):
    return Blend(
        channels,
        **switcheroo_runtime.constructor_keywords(
            opts, ("channels", "depth", "_residual", "mix", "offset")
        ),
    )


# A default computed from another argument cannot be a field's default: reported.
# switcheroo: SWR3006 class Widened is not converted to a Flax module: its constructor reads...
class Widened(nn.Module):
    def __init__(self, width, **opts):
        super().__init__()
        hidden = opts.pop("hidden", width * 2)
        self.fc = nn.Linear(width, hidden)

    def forward(self, x):
        return self.fc(x)


# Whether a key was passed at all: a keyword-only field defaulting to a sentinel no caller passes
# (module_tested_keywords).
class Switched(linen.Module):
    width: typing.Any
    _: dataclasses.KW_ONLY
    boost: typing.Any = switcheroo_runtime.NOT_GIVEN

    def setup(self):
        width = self.width
        boost = self.boost
        self.fc = linen.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.gain = 2.0 if boost is not switcheroo_runtime.NOT_GIVEN else 1.0

    def __call__(self, x):
        return self.fc(x) * self.gain


# The same key popped twice gives its default the second time: reported.
# switcheroo: SWR3006 class Twice is not converted to a Flax module: its constructor reads **opts...
class Twice(nn.Module):
    def __init__(self, width, **opts):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.first = opts.pop("scale", 1.0)
        self.second = opts.pop("scale", 3.0)

    def forward(self, x):
        return self.fc(x) * self.first * self.second
