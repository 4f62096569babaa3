import typing
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


def conv_bn_relu(cin, cout, *, train):
    return nn.Sequential(
        [
            switcheroo_runtime.ChannelsFirst(
                nn.Conv(
                    features=cout,
                    kernel_size=(3, 3),
                    padding=1,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(cin, (3, 3)),
                )
            ),
            switcheroo_runtime.BatchNorm(use_running_average=not train),
            nn.relu,
        ]
    )


class ConvTower(nn.Module):
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
            nn.Dense(
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
                weight=nn.initializers.variance_scaling(2.0, "fan_in", "uniform"),
                bias=nn.initializers.constant(0.5),
                optional=("bias",),
            ),
            switcheroo_runtime.init_branch("torch.nn.BatchNorm2d", weight=nn.initializers.ones),
        ]
    )
    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Decorated(nn.Module):
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
                "torch.nn.Conv2d", weight=nn.initializers.normal(stddev=0.05)
            )
        ]
    )
    def __call__(self, x):
        # a forward of its own takes the decorator as a module's does
        for stage in self.layers:
            x = stage(x)
        return x
