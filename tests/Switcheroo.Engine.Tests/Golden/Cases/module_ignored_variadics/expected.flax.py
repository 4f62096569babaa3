from functools import partial

import typing
import dataclasses
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch
import torch.nn as nn


# **options is never read: torch accepts extra keywords and ignores them. The Flax module has
# no field for them; every construction below that passes only its fields still works.
class Tower(linen.Module):
    width: int
    depth: int = 2

    def setup(self) -> None:
        width = self.width
        depth = self.depth
        self.layers = [
            linen.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            ) for _ in range(depth)
        ]

    def __call__(self, x):
        for layer in self.layers:
            x = jnp.tanh(layer(x))
        return x


# *rest is never read either; the arguments after it are keyword-only, in torch as in Flax.
class Scaled(linen.Module):
    width: typing.Any
    _: dataclasses.KW_ONLY
    gain: float = 2.0

    def setup(self):
        width = self.width
        self.proj = linen.Dense(
            features=3,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        return self.proj(x) * self.gain


# No constructor of its own: built by Tower's, which ignores extra keywords too.
class DeepTower(Tower):
    pass


class Pair(linen.Module):
    width: int = 6

    def setup(self):
        width = self.width
        self.tower = Tower(width, depth=3)
        self.deep = DeepTower(width)
        self.out = Scaled(width, gain=0.5)

    def __call__(self, x):
        return self.out(self.tower(x) + self.deep(x))


def is_tower(module) -> bool:
    return isinstance(module, (Tower, Scaled))


# A mapping unpacked: only the keys naming Tower's arguments are passed on, as torch took them.
def from_config(width, **config) -> Tower:
    return Tower(width, **switcheroo_runtime.constructor_keywords(config, ("width", "depth")))


# What torch ignored, the Flax module rejects or takes as a field: reported at the call.
def with_extras():
    # switcheroo: SWR3003 Scaled's torch constructor ignored what its *rest and **unused caught, and...
    # switcheroo: SWR3003 DeepTower's torch constructor ignored what its **options caught, and the...
    return Scaled(4, 7, 8), Scaled(4, dropout=0.1), DeepTower(4, train=False)


# A class given as a value is built where this analysis does not follow it.
# switcheroo: SWR3003 Tower's torch constructor ignored what its **options caught, and the Flax...
tower_of_eight = partial(Tower, 8)


# **options forwarded whole into a layer: the map must see each keyword by name to rename it.
# switcheroo: SWR3006 class ConvUnit is not converted to a Flax module: its constructor passes...
class ConvUnit(nn.Module):
    def __init__(self, cin, cout, **options):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, bias=False, **options)

    def forward(self, x):
        return torch.relu(self.conv(x))


# **options read by key: no field can stand for its keys.
# switcheroo: SWR3006 class Resizable is not converted to a Flax module: its constructor reads...
class Resizable(nn.Module):
    def __init__(self, width, **options):
        super().__init__()
        hidden = options.get("hidden", width)
        self.fc = nn.Linear(width, hidden)

    def forward(self, x):
        return self.fc(x)


# *blocks read: no field can stand for its items.
# switcheroo: SWR3006 class Chain is not converted to a Flax module: its constructor reads...
class Chain(nn.Module):
    def __init__(self, *blocks):
        super().__init__()
        self.blocks = nn.ModuleList(blocks)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x


# switcheroo: SWR3006 class Strict is not converted to a Flax module: its constructor takes a...
class Strict(nn.Module):
    def __init__(self, width, /, depth=1):
        super().__init__()
        self.fc = nn.Linear(width, depth)

    def forward(self, x):
        return self.fc(x)
