"""Device and dtype gathered in factory_kwargs, passed whole to some tensors and less a key to others, as
torch's _NormBase builds its step counter: a dict comprehension over the items that leaves out literal
keys is the remaining keywords. A filter of another shape keeps the dict as written, and is reported."""
import typing
import jax.numpy as jnp
import flax.linen as nn
import torch


class ShiftScale(nn.Module):
    features: typing.Any
    device: typing.Any = None
    dtype: typing.Any = None

    def setup(self):
        features = self.features
        device = self.device
        dtype = self.dtype
        factory_kwargs = {"device": device, "dtype": dtype}
        self.scale = self.param("scale", lambda key: jnp.ones(features, dtype=dtype))
        self.steps = self.variable("buffers", "steps", lambda: jnp.asarray(0, dtype=jnp.int64))
        self.shift = self.variable(
            "buffers", "shift", lambda: jnp.full((features,), 0.5, dtype=dtype)
        )

    def __call__(self, x):
        return x * self.scale + self.shift.value


class Prefixed(nn.Module):
    features: typing.Any
    device: typing.Any = None
    dtype: typing.Any = None

    def setup(self):
        features = self.features
        device = self.device
        dtype = self.dtype
        factory_kwargs = {"device": device, "dtype": dtype}
        # switcheroo: SWR3003 torch.ones(...) not converted: argument '**factory_kwargs' has no mapping
        self.scale = self.param("scale", lambda key: torch.ones(features, **factory_kwargs))
        # switcheroo: SWR3003 torch.zeros(...) not converted: argument '**{k: v for k, v in...
        self.steps = self.variable(
            "buffers",
            "steps",
            lambda: torch.zeros(
                (), **{k: v for k, v in factory_kwargs.items() if not k.startswith("d")}
            ),
        )

    def __call__(self, x):
        return x * self.scale
