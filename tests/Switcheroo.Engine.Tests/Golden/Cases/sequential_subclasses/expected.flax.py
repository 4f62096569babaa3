"""Classes that subclass nn.Sequential: the layers they pass to super().__init__ or assign."""
from collections import OrderedDict

import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
import torch

SWITCHEROO_EXAMPLES = {
    "Net": {"input_shape": [2, 3, 16, 16]},
    "Stem": {"args": [3], "input_shape": [2, 3, 8, 8]},
    "Squeeze": {"args": [4], "input_shape": [2, 4, 6, 6]},
    "Downsample": {"args": [4, 8], "input_shape": [2, 4, 8, 8]},
    "Classifier": {"args": [12, 8, 3], "input_shape": [2, 3, 2, 2]},
}


class Stem(nn.Module):
    """Layers given to the constructor one by one."""

    channels: int
    width: int = 16
    train: bool = True

    def setup(self):
        channels = self.channels
        width = self.width
        self.layers = [
            switcheroo_runtime.ChannelsFirst(
                nn.Conv(
                    features=width,
                    kernel_size=(3, 3),
                    padding=1,
                    use_bias=False,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
                )
            ),
            switcheroo_runtime.BatchNorm(use_running_average=not self.train),
            nn.relu,
        ]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Classifier(nn.Module):
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
            nn.Dense(
                features=hidden,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(features),
            ),
            lambda x: nn.gelu(x, approximate=False),
        ]
        if p > 0:
            blocks.append(nn.Dropout(rate=p, deterministic=not self.train))
        blocks.append(
            nn.Dense(
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


class Squeeze(nn.Module):
    """Its own forward reads the layers through self."""

    channels: int

    def setup(self):
        channels = self.channels
        self.layers = [
            lambda x: switcheroo_runtime.adaptive_avg_pool(x, 1),
            switcheroo_runtime.ChannelsFirst(
                nn.Conv(
                    features=channels,
                    kernel_size=(1, 1),
                    padding='VALID',
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(channels, (1, 1)),
                )
            ),
            nn.sigmoid,
        ]

    def __call__(self, x):
        scale = self.layers[0](x)
        for layer in list(self.layers)[1:]:
            scale = layer(scale)
        assert len(self.layers) == 3
        return x * scale


class Downsample(nn.Module):
    """Layers registered as attributes, applied in the order assigned (torch keys norm.*, conv.*)."""

    in_channels: int
    out_channels: int
    train: bool = True

    def setup(self):
        in_channels = self.in_channels
        out_channels = self.out_channels
        self.norm = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.act = nn.relu
        self.conv = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=out_channels,
                kernel_size=(1, 1),
                padding='VALID',
                use_bias=False,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(in_channels, (1, 1)),
            )
        )
        self.pool = lambda x: jnp.moveaxis(
            nn.avg_pool(jnp.moveaxis(x, 1, -1), (2, 2), strides=(2, 2)), -1, 1
        )

    def __call__(self, x):
        x = self.norm(x)
        x = self.act(x)
        x = self.conv(x)
        x = self.pool(x)
        return x


class Identity(nn.Module):
    def __call__(self, x):
        return x


class Named(nn.Module):
    width: int

    def setup(self):
        width = self.width
        self.layer_names = switcheroo_runtime.add_layers(
            self,
            OrderedDict(
                fc=nn.Dense(
                    features=width,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(width),
                ),
                act=nn.relu,
            ),
        )

    def __call__(self, x):
        for name in self.layer_names:
            x = getattr(self, name)(x)
        return x


class Stage(nn.Module):
    width: int
    depth: int

    def setup(self):
        width = self.width
        depth = self.depth
        self.layer_names = ()
        for i in range(depth):
            self.layer_names = switcheroo_runtime.add_layer(
                self,
                self.layer_names,
                f"block{i}",
                nn.Dense(
                    features=width,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(width),
                ),
            )

    def __call__(self, x):
        for name in self.layer_names:
            x = getattr(self, name)(x)
        return x


class Net(nn.Module):
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
# switcheroo: SWR3009 'model' is a converted Flax module (Net) applied without variables (a Linen...
out = model(torch.randn(2, 3, 16, 16))
