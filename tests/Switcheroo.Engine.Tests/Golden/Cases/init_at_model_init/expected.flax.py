import typing
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


def conv_bn(cin, cout, *, train):
    return linen.Sequential(
        [
            switcheroo_runtime.ChannelsFirst(
                linen.Conv(
                    features=cout,
                    kernel_size=(3, 3),
                    padding=1,
                    use_bias=False,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(cin, (3, 3)),
                )
            ),
            switcheroo_runtime.BatchNorm(use_running_average=not train),
        ]
    )


class Residual(linen.Module):
    channels: typing.Any
    train: bool = True

    def setup(self):
        channels = self.channels
        self.body = conv_bn(channels, channels, train=self.train)
        # the block starts as the identity: its own loop runs first, in its constructor

    @switcheroo_runtime.torch_init(
        [switcheroo_runtime.init_branch("torch.nn.BatchNorm2d", weight=linen.initializers.zeros)]
    )
    def __call__(self, x):
        return x + self.body(x)


class Classifier(linen.Module):
    channels: int = 16
    classes: int = 10
    depth: int = 2
    train: bool = True

    def setup(self):
        channels = self.channels
        classes = self.classes
        depth = self.depth
        self.stem = conv_bn(3, channels, train=self.train)
        self.blocks = linen.Sequential(
            [*[Residual(channels, train=self.train) for _ in range(depth)]]
        )
        self.head = linen.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels),
        )

        # layers built by a helper and in a list: applied when the model initialises, after the blocks' loops

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.variance_scaling(2.0, "fan_out", "normal"),
                bias=linen.initializers.zeros,
                optional=("bias",),
            ),
            switcheroo_runtime.init_branch(
                "torch.nn.Linear",
                weight=linen.initializers.normal(stddev=0.01),
                bias=linen.initializers.zeros,
            ),
        ]
    )
    def __call__(self, x):
        x = self.blocks(self.stem(x))
        return self.head(jnp.mean(x, axis=(2, 3)))


class LateLayer(linen.Module):
    train: bool = True

    def setup(self):
        self.features = conv_bn(3, 8, train=self.train)
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for m in self.modules():
            # switcheroo: SWR3003 torch.nn.Conv2d in an isinstance/issubclass test is not converted: the...
            if isinstance(m, nn.Conv2d):
                # switcheroo: SWR3015 torch.nn.init.xavier_uniform_ not converted: 'self.extra = nn.Linear(8, 2)'...
                nn.init.xavier_uniform_(m.weight)
        # torch's loop does not reach a layer built after it
        self.extra = linen.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )

    def __call__(self, x):
        return self.extra(jnp.mean(self.features(x), axis=(2, 3)))


class LateInit(linen.Module):
    train: bool = True

    def setup(self):
        self.features = conv_bn(3, 8, train=self.train)
        self.fc = linen.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )
        # runs after the loop, which is applied when the model initialises: reported
        # switcheroo: SWR3015 torch.nn.init.ones_ not converted: it runs after the initialisation loop of...
        nn.init.ones_(self.fc.bias)

    @switcheroo_runtime.torch_init(
        [switcheroo_runtime.init_branch("torch.nn.Linear", bias=linen.initializers.zeros)]
    )
    def __call__(self, x):
        return self.fc(jnp.mean(self.features(x), axis=(2, 3)))


class Switchable(linen.Module):
    init_weights: bool = True
    train: bool = True

    def setup(self):
        self.features = conv_bn(3, 8, train=self.train)
        self.fc = linen.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )
        # decided when the model is built: the module's field of that name

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                "torch.nn.Linear",
                weight=switcheroo_runtime.torch_trunc_normal(0.02),
            )
        ],
        when="init_weights",
    )
    def __call__(self, x):
        return self.fc(jnp.mean(self.features(x), axis=(2, 3)))
