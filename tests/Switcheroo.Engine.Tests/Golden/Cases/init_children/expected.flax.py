import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Inner(linen.Module):
    """A module item of a Sequential: torch's children() of the Sequential stops at it."""

    width: int

    def setup(self):
        width = self.width
        self.conv = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=width,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width, (3, 3)),
            )
        )

    def __call__(self, x):
        return self.conv(x)


class Tower(linen.Module):
    """The items written out: initializer arguments on the Conv2d items, not on the one inside Inner."""

    width: int = 8

    def setup(self):
        width = self.width
        self.body = linen.Sequential(
            [
                switcheroo_runtime.ChannelsFirst(
                    linen.Conv(
                        features=width,
                        kernel_size=(3, 3),
                        padding=1,
                        kernel_init=linen.initializers.normal(stddev=0.01),
                        bias_init=linen.initializers.constant(0),
                    )
                ),
                linen.relu,
                Inner(width),
                switcheroo_runtime.ChannelsFirst(
                    linen.Conv(
                        features=width,
                        kernel_size=(1, 1),
                        padding='VALID',
                        kernel_init=linen.initializers.normal(stddev=0.01),
                        bias_init=linen.initializers.constant(0),
                    )
                ),
            ]
        )

    def __call__(self, x):
        return self.body(x)


class Head(linen.Module):
    """The items built in a loop (fcos's heads): applied when the model initialises, to the items alone."""

    width: int = 8
    depth: int = 2
    classes: int = 3

    def setup(self):
        width = self.width
        depth = self.depth
        classes = self.classes
        conv = []
        for _ in range(depth):
            conv.append(
                switcheroo_runtime.ChannelsFirst(
                    linen.Conv(
                        features=width,
                        kernel_size=(3, 3),
                        padding=1,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(width, (3, 3)),
                    )
                )
            )
            conv.append(
                switcheroo_runtime.ChannelsFirst(
                    linen.GroupNorm(num_groups=4, epsilon=1e-5, use_fast_variance=False)
                )
            )
            conv.append(linen.relu)
        self.conv = linen.Sequential([*conv])
        self.logits = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=classes,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=linen.initializers.normal(stddev=0.01),
                bias_init=switcheroo_runtime.torch_bias_init(width, (3, 3)),
            )
        )

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.normal(stddev=0.01),
                bias=linen.initializers.zeros,
            )
        ],
        under="conv",
        children=True,
    )
    def __call__(self, x):
        return self.logits(self.conv(x))


class Wrapped(linen.Module):
    width: int

    def setup(self):
        width = self.width
        self.conv = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=width,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width, (1, 1)),
            )
        )

    def __call__(self, x):
        return self.conv(x)


class Nested(linen.Module):
    """Reported: the children of a module class of the file."""

    width: int = 8

    def setup(self):
        width = self.width
        self.inner = Wrapped(width)
        # switcheroo: SWR3002 torch.nn.Module.children is not converted: a Flax module's submodules exist...
        for layer in self.inner.children():
            # switcheroo: SWR3003 torch.nn.Conv2d in an isinstance/issubclass test is not converted: the...
            if isinstance(layer, nn.Conv2d):
                # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: the loop walks the children of...
                nn.init.zeros_(layer.bias)

    def __call__(self, x):
        return self.inner(x)
