import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Block(nn.Module):
    channels: typing.Any
    train: bool = True

    def setup(self):
        channels = self.channels
        self.conv = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(3, 3),
                padding=1,
                use_bias=False,
                kernel_init=nn.initializers.variance_scaling(2.0, "fan_out", "normal"),
                bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
            )
        )
        self.bn = switcheroo_runtime.BatchNorm(use_running_average=not self.train)

    def __call__(self, x):
        return jax.nn.relu(self.bn(self.conv(x)))


class Net(nn.Module):
    classes: int = 10
    train: bool = True

    def setup(self):
        classes = self.classes
        self.stem = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=8,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=nn.initializers.variance_scaling(2.0, "fan_out", "normal"),
                bias_init=nn.initializers.zeros,
            )
        )
        self.block = Block(8, train=self.train)
        self.norm = switcheroo_runtime.ChannelsFirst(
            nn.GroupNorm(num_groups=2, epsilon=1e-5, use_fast_variance=False)
        )
        self.fc = nn.Dense(
            features=classes,
            kernel_init=nn.initializers.normal(stddev=0.01),
            bias_init=nn.initializers.constant(0),
        )
        self.head = nn.Sequential(
            [
                nn.Dense(
                    features=16,
                    kernel_init=nn.initializers.normal(stddev=0.01),
                    bias_init=nn.initializers.constant(0),
                ),
                nn.relu,
                nn.Dense(
                    features=classes,
                    kernel_init=nn.initializers.normal(stddev=0.01),
                    bias_init=nn.initializers.constant(0),
                ),
            ]
        )

    def __call__(self, x):
        x = self.norm(self.block(self.stem(x)))
        return self.head(self.fc(jnp.mean(x, axis=(2, 3))))
