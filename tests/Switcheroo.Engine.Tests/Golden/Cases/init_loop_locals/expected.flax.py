import math

import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Stage(linen.Module):
    """Convolutions drawn from N(0, 2 / fan_out), the fan-out written out by hand."""

    width: int = 16
    depth: int = 2
    train: bool = True

    def setup(self):
        width = self.width
        depth = self.depth
        blocks = []
        for _ in range(depth):
            blocks.append(
                switcheroo_runtime.ChannelsFirst(
                    linen.Conv(
                        features=width,
                        kernel_size=(3, 3),
                        padding=1,
                        feature_group_count=4,
                        use_bias=False,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(width, (3, 3), 4),
                    )
                )
            )
            blocks.append(switcheroo_runtime.BatchNorm(use_running_average=not self.train))
        self.blocks = linen.Sequential([*blocks])
        self.stem = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=width,
                kernel_size=(3, 5),
                padding=(1, 2),
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(3, (3, 5)),
            )
        )

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.variance_scaling(2.0, "fan_out", "normal"),
            ),
            switcheroo_runtime.init_branch(
                "torch.nn.BatchNorm2d",
                weight=linen.initializers.ones,
                bias=linen.initializers.zeros,
            ),
        ]
    )
    def __call__(self, x):
        return self.blocks(self.stem(x))


class Wide(linen.Module):
    """The same on layers the class declares: written as initializer arguments."""

    width: int = 8

    def setup(self):
        width = self.width
        self.conv = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=2 * width,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=linen.initializers.variance_scaling(1.0, "fan_out", "normal"),
                bias_init=switcheroo_runtime.torch_bias_init(width, (1, 1)),
            )
        )

    def __call__(self, x):
        return self.conv(x)


class Tokens(linen.Module):
    """Parameters only: the loop of the model that builds it draws them all."""

    width: int
    length: int
    learned: bool

    def setup(self):
        width = self.width
        learned = self.learned
        self.cls = self.param(
            "cls",
            switcheroo_runtime.param_init(
                switcheroo_runtime.torch_trunc_normal(0.02), lambda key: jnp.zeros(width)
            ),
        )
        self.positions = None
        if learned:
            self.positions = self.param(
                "positions",
                switcheroo_runtime.param_init(
                    switcheroo_runtime.torch_trunc_normal(0.02),
                    lambda key: jnp.zeros((self.length, width)),
                ),
            )

    def __call__(self, x):
        x = jnp.concatenate([self.cls + jnp.zeros_like(x[:, :1]), x], axis=1)
        return x if self.positions is None else x + self.positions


class Attention(linen.Module):
    """A table built and drawn under a condition."""

    width: int
    relative: bool

    def setup(self):
        width = self.width
        relative = self.relative
        self.qkv = linen.Dense(
            features=3 * width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.table = None
        if relative:
            size = 2 * width - 1
            self.table = self.param(
                "table",
                switcheroo_runtime.param_init(
                    switcheroo_runtime.torch_trunc_normal(0.02),
                    lambda key: jnp.zeros((size, width)),
                ),
            )

    def __call__(self, x):
        return self.qkv(x)


class Encoder(linen.Module):
    """A repeated test in a branch, and a branch over every parameter of a module class."""

    width: int = 32
    layers: int = 2

    def setup(self):
        width = self.width
        layers = self.layers
        self.tokens = Tokens(width, 4, True)
        body = []
        for _ in range(layers):
            body.append(Attention(width, True))
            body.append(
                linen.Dense(
                    features=width,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(3 * width),
                )
            )
        self.body = linen.Sequential([*body])
        self.norm = linen.LayerNorm(
            epsilon=1e-5,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            use_fast_variance=False,
        )

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Linear",
                weight=switcheroo_runtime.torch_trunc_normal(0.02),
                bias=linen.initializers.zeros,
                optional=("bias",),
            ),
            switcheroo_runtime.init_branch(
                "torch.nn.LayerNorm", weight=linen.initializers.ones, optional=("weight",)
            ),
        ]
    )
    def __call__(self, x):
        return self.norm(self.body(self.tokens(x)))


class Dense(linen.Module):
    """Reported: a fan-out read on a layer that is not that convolution."""

    width: int = 8

    def setup(self):
        width = self.width
        self.fc = linen.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for m in self.modules():
            # switcheroo: SWR3003 torch.nn.Linear in an isinstance/issubclass test is not converted: the...
            if isinstance(m, nn.Linear):
                # switcheroo: SWR3001 torch.nn.Linear.kernel_size has no mapping: a Flax layer holds no weights...
                # switcheroo: SWR3001 torch.nn.Linear.out_channels has no mapping: a Flax layer holds no weights...
                fan_out = m.kernel_size[0] * m.out_channels
                # switcheroo: SWR3015 torch.nn.init.normal_ not converted: 'nn.init.normal_(m.weight...
                nn.init.normal_(m.weight, std=math.sqrt(2.0 / fan_out))

    def __call__(self, x):
        return self.fc(x)


class Upsample(linen.Module):
    """A transposed convolution's fans are torch's on its Flax kernel; an instance norm without affine has nothing to set."""

    width: int = 8
    classes: int = 3

    def setup(self):
        classes = self.classes
        self.norm = linen.InstanceNorm(
            epsilon=1e-05, use_bias=False, use_scale=False, feature_axes=1, use_fast_variance=False
        )
        self.affine = linen.InstanceNorm(
            epsilon=1e-05,
            use_bias=True,
            use_scale=True,
            feature_axes=1,
            use_fast_variance=False,
            scale_init=linen.initializers.constant(0.5),
        )
        self.up = switcheroo_runtime.ChannelsFirst(
            linen.ConvTranspose(
                features=classes,
                kernel_size=(4, 4),
                strides=(2, 2),
                padding=tuple(
                    (d * (k - 1) - p, d * (k - 1) - p + o) for k, p, o, d in zip(
                        (4, 4), (1, 1), (0, 0), (1, 1)
                    )
                ),
                kernel_dilation=(1, 1),
                transpose_kernel=True,
                kernel_init=linen.initializers.variance_scaling(2.0, "fan_out", "normal"),
                bias_init=linen.initializers.constant(0),
            )
        )

    def __call__(self, x):
        return self.up(self.affine(self.norm(x)))
