import typing
import jax
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Block(linen.Module):
    channels: typing.Any
    train: bool = True

    def setup(self):
        channels = self.channels
        self.conv = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=channels,
                kernel_size=(3, 3),
                padding=1,
                use_bias=False,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
            )
        )
        self.bn = switcheroo_runtime.BatchNorm(
            use_running_average=not self.train, momentum=0.99, epsilon=1e-3
        )

    def __call__(self, x):
        return jax.nn.relu(self.bn(self.conv(x)))


class Net(linen.Module):
    classes: int = 10
    train: bool = True

    def setup(self):
        classes = self.classes
        self.stem = linen.Sequential(
            [
                switcheroo_runtime.ChannelsFirst(
                    linen.Conv(
                        features=16,
                        kernel_size=(3, 3),
                        padding=1,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(3, (3, 3)),
                    )
                ),
                switcheroo_runtime.BatchNorm(use_running_average=not self.train),
                linen.relu,
            ]
        )
        self.block = Block(16, train=self.train)
        self.head = linen.Sequential(
            [
                linen.Dropout(rate=0.25, deterministic=not self.train),
                linen.Dense(
                    features=classes,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(16),
                ),
            ]
        )
        self.norm = switcheroo_runtime.BatchNorm(
            use_running_average=False, use_scale=False, use_bias=False
        )

    def __call__(self, x):
        x = self.block(self.stem(x))
        x = switcheroo_runtime.flatten(switcheroo_runtime.adaptive_avg_pool(x, 1), 1)
        if self.train:
            x = switcheroo_runtime.dropout(self, x, p=0.1, train=self.train)
        return self.norm(self.head(x))


def make(other):
    model = Net()
    model = model.clone(train=False)
    block = Block(3)
    block = block.clone(train=False)
    plain = Plain()
    # switcheroo: SWR3009 .eval() not converted: the class of 'other' is not known here
    other.eval()
    # switcheroo: SWR3003 torch.nn.BatchNorm2d converts when it is built inside a converted...
    stats = nn.BatchNorm2d(3)
    return model, stats


class Plain(linen.Module):
    def __call__(self, x):
        return x


class Tuned(linen.Module):
    channels: typing.Any
    bn_momentum: typing.Any
    train: bool = True

    def setup(self):
        bn_momentum = self.bn_momentum
        self.bn = switcheroo_runtime.BatchNorm(
            use_running_average=not self.train, momentum=1 - bn_momentum
        )

    def __call__(self, x):
        return self.bn(x)


def make_plain():
    plain = Plain(); pass
    return plain
