"""Classes that subclass nn.Sequential: the layers they pass to super().__init__ or assign."""
from collections import OrderedDict

import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch
from torch import nn

SWITCHEROO_EXAMPLES = {
    "Net": {"input_shape": [2, 3, 16, 16]},
    "Stem": {"args": [3], "input_shape": [2, 3, 8, 8]},
    "Squeeze": {"args": [4], "input_shape": [2, 4, 6, 6]},
    "Downsample": {"args": [4, 8], "input_shape": [2, 4, 8, 8]},
    "Classifier": {"args": [12, 8, 3], "input_shape": [2, 3, 2, 2]},
}


class Stem(linen.Module):
    """Layers given to the constructor one by one."""

    channels: int
    width: int = 16
    train: bool = True

    def setup(self):
        channels = self.channels
        width = self.width
        self.layers = [
            switcheroo_runtime.ChannelsFirst(
                linen.Conv(
                    features=width,
                    kernel_size=(3, 3),
                    padding=1,
                    use_bias=False,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
                )
            ),
            switcheroo_runtime.BatchNorm(use_running_average=not self.train),
            linen.relu,
        ]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Classifier(linen.Module):
    features: int
    hidden: int
    classes: int
    p: float = 0.25
    train: bool = True

    def setup(self):
        features = self.features
        hidden = self.hidden
        classes = self.classes
        p = self.p
        blocks = [
            lambda x: jnp.reshape(x, x.shape[:1] + (-1,)),
            linen.Dense(
                features=hidden,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(features),
            ),
            lambda x: linen.gelu(x, approximate=False),
        ]
        if p > 0:
            blocks.append(linen.Dropout(rate=p, deterministic=not self.train))
        blocks.append(
            linen.Dense(
                features=classes,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(hidden),
            )
        )
        self.layers = [*blocks]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Squeeze(linen.Module):
    """Its own forward reads the layers through self."""

    channels: int

    def setup(self):
        channels = self.channels
        self.layers = [
            lambda x: switcheroo_runtime.adaptive_avg_pool(x, 1),
            switcheroo_runtime.ChannelsFirst(
                linen.Conv(
                    features=channels,
                    kernel_size=(1, 1),
                    padding='VALID',
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(channels, (1, 1)),
                )
            ),
            linen.sigmoid,
        ]

    def __call__(self, x):
        scale = self.layers[0](x)
        for layer in list(self.layers)[1:]:
            scale = layer(scale)
        assert len(self.layers) == 3
        return x * scale


class Downsample(linen.Module):
    """Layers registered as attributes, applied in the order assigned (torch keys norm.*, conv.*)."""

    in_channels: int
    out_channels: int
    train: bool = True

    def setup(self):
        in_channels = self.in_channels
        out_channels = self.out_channels
        self.norm = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.act = linen.relu
        self.conv = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=out_channels,
                kernel_size=(1, 1),
                padding='VALID',
                use_bias=False,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(in_channels, (1, 1)),
            )
        )
        self.pool = lambda x: jnp.moveaxis(
            linen.avg_pool(jnp.moveaxis(x, 1, -1), (2, 2), strides=(2, 2)), -1, 1
        )

    def __call__(self, x):
        x = self.norm(x)
        x = self.act(x)
        x = self.conv(x)
        x = self.pool(x)
        return x


class Identity(linen.Module):
    def __call__(self, x):
        return x


# switcheroo: SWR3006 class Named is not converted to a Flax module: super().__init__(...) is...
class Named(nn.Sequential):
    def __init__(self, width: int):
        super().__init__(OrderedDict(fc=nn.Linear(width, width), act=nn.ReLU()))


# switcheroo: SWR3006 class Stage is not converted to a Flax module: it adds layers with...
class Stage(nn.Sequential):
    def __init__(self, width: int, depth: int):
        super().__init__()
        for i in range(depth):
            self.add_module(f"block{i}", nn.Linear(width, width))


class Net(linen.Module):
    classes: int = 10
    train: bool = True

    def setup(self):
        classes = self.classes
        self.stem = Stem(3, train=self.train)
        self.squeeze = Squeeze(16)
        self.down = Downsample(16, 32, train=self.train)
        self.skip = Identity()
        self.head = Classifier(32 * 8 * 8, 64, classes, train=self.train)
        self.norm = switcheroo_runtime.BatchNorm(use_running_average=not self.train)

    def __call__(self, x):
        x = self.down(self.squeeze(self.stem(x)))
        return self.head(self.skip(self.norm(x)))


model = Net()
# switcheroo: SWR3010 torch.randn(...) not converted: torch draws from a global generator; in JAX...
out = model(torch.randn(2, 3, 16, 16))
