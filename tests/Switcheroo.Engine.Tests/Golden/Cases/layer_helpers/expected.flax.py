import typing
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


def conv_bn(c_in, c_out, stride=1, *, train):
    # a convolution and its normalisation, as a stage's unit
    return linen.Sequential([
        switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=c_out,
                kernel_size=(3, 3),
                strides=stride,
                padding=1,
                use_bias=False,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(c_in, (3, 3)),
            )
        ),
        switcheroo_runtime.BatchNorm(use_running_average=not train),
        linen.relu,
    ])


def pointwise(c_in, c_out):
    return switcheroo_runtime.ChannelsFirst(
        linen.Conv(
            features=c_out,
            kernel_size=(1, 1),
            padding='VALID',
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(c_in, (1, 1)),
        )
    )


def norm_then_drop(channels, *extra, p=0.1, train):
    return [
        switcheroo_runtime.BatchNorm(use_running_average=not train, epsilon=1e-3),
        linen.Dropout(rate=p, deterministic=not train),
    ]


def outside(channels):
    # switcheroo: SWR3003 torch.nn.BatchNorm2d converts when it is built inside a converted...
    return nn.BatchNorm2d(channels)


class Stage(linen.Module):
    c_in: typing.Any
    c_out: typing.Any
    depth: int = 2
    train: bool = True

    def setup(self):
        c_in = self.c_in
        c_out = self.c_out
        depth = self.depth
        self.body = self._make_body(c_in, c_out, depth)
        self.tail = linen.Sequential([*norm_then_drop(c_out, train=self.train)])

    def _make_body(self, c_in, c_out, depth):
        layers = []
        for i in range(depth):
            layers.append(conv_bn(c_in if i == 0 else c_out, c_out, train=self.train))
        layers.append(pointwise(c_out, c_out))
        return linen.Sequential([*layers])

    def __call__(self, x):
        return self.tail(self.body(x))


class Net(linen.Module):
    classes: int = 10
    train: bool = True

    def setup(self):
        classes = self.classes
        self.stem = conv_bn(3, 16, stride=2, train=self.train)
        self.stage = Stage(16, 32, train=self.train)
        self.head = linen.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(32),
        )

    def __call__(self, x):
        x = self.stage(self.stem(x))
        return self.head(switcheroo_runtime.flatten(jnp.mean(x, axis=(2, 3), keepdims=True), 1))


standalone = outside(8)
