# Subclasses that fix some of their base's arguments (torch's UpsamplingNearest2d, LSTMCell, LSTM),
# pass them through a dict of keywords (factory_kwargs), or take them in another order.
import typing
import dataclasses
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Resize(nn.Module):
    size: typing.Any = None
    factor: typing.Any = None
    how: str = "nearest"
    corners: typing.Any = None

    def __call__(self, x):
        return switcheroo_runtime.interpolate(
            x, size=self.size, scale_factor=self.factor, mode=self.how, align_corners=self.corners
        )


# The base's 'how' is fixed and 'corners' not taken: both become keyword-only fields with those defaults.
class NearestResize(Resize):
    _: dataclasses.KW_ONLY
    how: typing.Any = "nearest"
    corners: typing.Any = None


class BilinearResize(Resize):
    _: dataclasses.KW_ONLY
    how: typing.Any = "bilinear"
    corners: typing.Any = True


class Gate(nn.Module):
    features: typing.Any
    hidden: typing.Any
    bias: typing.Any
    chunks: typing.Any
    device: typing.Any = None
    dtype: typing.Any = None

    def setup(self):
        features = self.features
        hidden = self.hidden
        bias = self.bias
        chunks = self.chunks
        self.proj = nn.Dense(
            features=hidden * chunks,
            use_bias=bias,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(features),
        )

    def __call__(self, x):
        return sum(switcheroo_runtime.chunk(self.proj(x), self.chunks, axis=-1))


# chunks is fixed; the keywords come through a dict the constructor builds; bias gets a default.
class TripleGate(Gate):
    bias: bool = True
    _: dataclasses.KW_ONLY
    chunks: typing.Any = 3

    def setup(self):
        device = self.device
        dtype = self.dtype
        factory_kwargs = {"device": device, "dtype": dtype}
        super().setup()


class Mixer(nn.Module):
    kind: typing.Any
    width: typing.Any
    depth: int = 1

    def setup(self):
        width = self.width
        depth = self.depth
        self.layers = [
            nn.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            ) for _ in range(depth)
        ]

    def __call__(self, x):
        for layer in self.layers:
            x = jnp.tanh(layer(x)) if self.kind == "tanh" else jax.nn.relu(layer(x))
        return x


# A positional value before *args fixes the base's first field, keyword-only then, so that the
# positional arguments fill the fields after it, as *args did.
class TanhMixer(Mixer):
    _: dataclasses.KW_ONLY
    kind: typing.Any = "tanh"


# Its own argument comes before the base's, which Flax's fields put first: 'size' and 'factor' are keyword-only.
class ScaledResize(Resize):
    scale: typing.Any
    _: dataclasses.KW_ONLY
    size: typing.Any = None
    factor: typing.Any = None
    how: typing.Any = "nearest"
    corners: typing.Any = None

    def __call__(self, x):
        return super().__call__(x) * self.scale


# Reported: the dict holds a value the constructor computes.
# switcheroo: SWR3006 class ComputedGate is not converted to a Flax module: it derives from the...
class ComputedGate(Gate):
    def __init__(self, features, hidden, bias=True):
        extra = {"chunks": hidden // 2}
        super().__init__(features, hidden, bias, **extra)


def build():
    return NearestResize(factor=2), BilinearResize(None, 2), TripleGate(4, 6), TanhMixer(5, depth=2)
