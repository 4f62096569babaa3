import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


def stage(channels, count):
    layers = []
    for _ in range(count):
        layers.append(
            switcheroo_runtime.ChannelsFirst(
                linen.Conv(
                    features=channels,
                    kernel_size=(3, 3),
                    padding=1,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
                )
            )
        )
        layers.append(linen.relu)
    return layers


class Detector(linen.Module):
    """A head whose trunk is built from a list: its loop walks the trunk alone, at init."""

    channels: int = 8
    anchors: int = 3

    def setup(self):
        channels = self.channels
        anchors = self.anchors
        self.trunk = linen.Sequential([*stage(channels, 2)])
        # only the trunk's convolutions: the scores below keep their own initialisation
        self.scores = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=anchors,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=linen.initializers.normal(stddev=0.01),
                bias_init=linen.initializers.zeros,
            )
        )
        self.boxes = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=anchors * 4,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=linen.initializers.normal(stddev=0.01),
                bias_init=linen.initializers.zeros,
            )
        )

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.normal(stddev=0.02),
                bias=linen.initializers.constant(0),
                optional=("bias",),
            )
        ],
        under="trunk",
    )
    def __call__(self, x):
        x = self.trunk(x)
        return self.scores(x), self.boxes(x)


class Mixer(linen.Module):
    """Layers the file shows: its loops become initializer arguments."""

    width: int = 16

    def setup(self):
        width = self.width
        self.inner = linen.Sequential(
            [
                linen.Dense(
                    features=width * 2,
                    kernel_init=switcheroo_runtime.torch_trunc_normal(0.02),
                    bias_init=linen.initializers.normal(stddev=1e-6),
                ),
                lambda x: linen.gelu(x, approximate=False),
                linen.Dense(
                    features=width,
                    kernel_init=switcheroo_runtime.torch_trunc_normal(0.02),
                    bias_init=linen.initializers.normal(stddev=1e-6),
                ),
            ]
        )
        self.norm = linen.LayerNorm(
            epsilon=1e-5,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            use_fast_variance=False,
        )
        self.out = linen.Dense(
            features=4,
            kernel_init=switcheroo_runtime.torch_trunc_normal(0.02),
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        return self.out(self.norm(x + self.inner(x)))


class Stack(linen.Module):
    """A list of layers has no one path in Flax: reported."""

    width: int = 4

    def setup(self):
        width = self.width
        self.layers = [
            linen.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            ) for _ in range(3)
        ]
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for m in self.layers.modules():
            # switcheroo: SWR3003 torch.nn.Linear in an isinstance/issubclass test is not converted: the...
            if isinstance(m, nn.Linear):
                # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: self.layers is not a layer, an...
                nn.init.zeros_(m.bias)

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
