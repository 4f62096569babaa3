import typing
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


def conv_bn_relu(cin, cout, *, train):
    return linen.Sequential(
        [
            switcheroo_runtime.ChannelsFirst(
                linen.Conv(
                    features=cout,
                    kernel_size=(3, 3),
                    padding=1,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(cin, (3, 3)),
                )
            ),
            switcheroo_runtime.BatchNorm(use_running_average=not train),
            linen.relu,
        ]
    )


class ConvTower(linen.Module):
    """Convolutions then a projection, given to the Sequential built in a loop."""

    channels: typing.Any
    widths: typing.Any
    out_features: typing.Any
    train: bool = True

    def setup(self):
        channels = self.channels
        widths = self.widths
        out_features = self.out_features
        stages = []
        previous = channels
        for width in widths:
            stages.append(conv_bn_relu(previous, width, train=self.train))
            previous = width
        stages.append(lambda x: jnp.reshape(x, x.shape[:1] + (-1,)))
        stages.append(
            linen.Dense(
                features=out_features,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(previous * 4),
            )
        )
        self.layers = [*stages]
        # the layers built by the helper are unseen: applied when the model initialises, on the __call__ written for the Sequential

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.variance_scaling(2.0, "fan_in", "uniform"),
                bias=linen.initializers.constant(0.5),
                optional=("bias",),
            ),
            switcheroo_runtime.init_branch("torch.nn.BatchNorm2d", weight=linen.initializers.ones),
        ]
    )
    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Decorated(linen.Module):
    width: typing.Any
    train: bool = True

    def setup(self):
        width = self.width
        self.layers = [
            conv_bn_relu(3, width, train=self.train), conv_bn_relu(width, width, train=self.train)
        ]

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d", weight=linen.initializers.normal(stddev=0.05)
            )
        ]
    )
    def __call__(self, x):
        # a forward of its own takes the decorator as a module's does
        for stage in self.layers:
            x = stage(x)
        return x


class Upsampler(linen.Module):
    channels: typing.Any
    layers: typing.Any

    def setup(self):
        channels = self.channels
        layers = self.layers
        items = []
        for width in layers:
            items.append(
                switcheroo_runtime.ChannelsFirst(
                    linen.Conv(
                        features=width,
                        kernel_size=(3, 3),
                        padding=1,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
                    )
                )
            )
            items.append(linen.relu)
            channels = width
        self.sequence = [*items]
        # its own items alone (kept in self.sequence, since 'layers' is an argument)

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.variance_scaling(2.0, "fan_out", "normal"),
                bias=linen.initializers.constant(0),
            )
        ],
        children=True,
    )
    def __call__(self, x):
        for layer in self.sequence:
            x = layer(x)
        return x


class Flat(linen.Module):
    def setup(self):
        self.fc = linen.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )
        # children() of a class that is not an nn.Sequential subclass: reported
        # switcheroo: SWR3002 torch.nn.Module.children is not converted: a Flax module's submodules exist...
        for m in self.children():
            # switcheroo: SWR3003 torch.nn.Linear in an isinstance/issubclass test is not converted: the...
            if isinstance(m, nn.Linear):
                # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: the loop walks self.children(), which...
                nn.init.zeros_(m.bias)

    def __call__(self, x):
        return self.fc(x)
