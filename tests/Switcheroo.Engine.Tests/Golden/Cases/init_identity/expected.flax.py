import jax
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Squeeze(linen.Module):
    """A block of the file the loop of the model below reaches."""

    inplanes: int
    planes: int

    def setup(self):
        inplanes = self.inplanes
        planes = self.planes
        self.squeeze = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=planes,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=linen.initializers.variance_scaling(2.0, "fan_in", "uniform"),
                bias_init=linen.initializers.constant(0),
            )
        )
        self.expand = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=inplanes,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=linen.initializers.variance_scaling(2.0, "fan_in", "uniform"),
                bias_init=linen.initializers.constant(0),
            )
        )

    def __call__(self, x):
        return jax.nn.relu(self.expand(jax.nn.relu(self.squeeze(x))))


class Classifier(linen.Module):
    """The stem chosen by a constructor argument (one of the two runs); the last convolution,
    held in a local and placed in a Sequential, drawn otherwise than the rest."""

    version: str = "small"
    num_classes: int = 10
    train: bool = True

    def setup(self):
        version = self.version
        num_classes = self.num_classes
        if version == "small":
            self.features = linen.Sequential(
                [
                    switcheroo_runtime.ChannelsFirst(
                        linen.Conv(
                            features=16,
                            kernel_size=(3, 3),
                            strides=2,
                            padding='VALID',
                            kernel_init=linen.initializers.variance_scaling(
                                2.0, "fan_in", "uniform"
                            ),
                            bias_init=linen.initializers.constant(0),
                        )
                    ),
                    linen.relu,
                    Squeeze(16, 4),
                ]
            )
        elif version == "large":
            self.features = linen.Sequential(
                [
                    switcheroo_runtime.ChannelsFirst(
                        linen.Conv(
                            features=16,
                            kernel_size=(5, 5),
                            strides=2,
                            padding='VALID',
                            kernel_init=linen.initializers.variance_scaling(
                                2.0, "fan_in", "uniform"
                            ),
                            bias_init=linen.initializers.constant(0),
                        )
                    ),
                    linen.relu,
                    Squeeze(16, 8),
                    Squeeze(16, 8),
                ]
            )
        else:
            raise ValueError(f"unknown version {version}")
        final_conv = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=num_classes,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=linen.initializers.normal(stddev=0.01),
                bias_init=linen.initializers.constant(0),
            )
        )
        self.classifier = linen.Sequential(
            [
                linen.Dropout(rate=0.5, deterministic=not self.train),
                final_conv,
                linen.relu,
                lambda x: switcheroo_runtime.adaptive_avg_pool(x, (1, 1)),
            ]
        )

    def __call__(self, x):
        return switcheroo_runtime.flatten(self.classifier(self.features(x)), 1)


class Stacked(linen.Module):
    """Reported: the loop reaches layers built in a loop, so it would be applied when the model
    initialises, where a module cannot be compared with a local."""

    depth: int = 2

    def setup(self):
        depth = self.depth
        layers = []
        for _ in range(depth):
            layers.append(
                switcheroo_runtime.ChannelsFirst(
                    linen.Conv(
                        features=8,
                        kernel_size=(3, 3),
                        padding=1,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(8, (3, 3)),
                    )
                )
            )
        self.body = linen.Sequential([*layers])
        last = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=2,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(8, (1, 1)),
            )
        )
        self.head = linen.Sequential([last])
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for m in self.modules():
            # switcheroo: SWR3003 torch.nn.Conv2d in an isinstance/issubclass test is not converted: the...
            if isinstance(m, nn.Conv2d):
                if m is last:
                    # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: the loop reaches the layers inside...
                    nn.init.zeros_(m.weight)
                else:
                    # switcheroo: SWR3015 torch.nn.init.xavier_uniform_ not converted: the loop reaches the layers...
                    nn.init.xavier_uniform_(m.weight)

    def __call__(self, x):
        return self.head(self.body(x))


class Rebound(linen.Module):
    """Reported: the local is bound twice, so which layer it holds is not one construction."""

    wide: bool = False

    def setup(self):
        wide = self.wide
        last = linen.Dense(
            features=4,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )
        if wide:
            last = linen.Dense(
                features=16,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(8),
            )
        self.head = linen.Sequential(
            [
                linen.Dense(
                    features=8,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(8),
                ),
                last,
            ]
        )
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for m in self.modules():
            # switcheroo: SWR3003 torch.nn.Linear in an isinstance/issubclass test is not converted: the...
            if isinstance(m, nn.Linear):
                if m is last:
                    # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: the loop reaches the layers inside...
                    nn.init.zeros_(m.weight)
                else:
                    # switcheroo: SWR3015 torch.nn.init.ones_ not converted: the loop reaches the layers inside...
                    nn.init.ones_(m.weight)

    def __call__(self, x):
        return self.head(x)


class Held(linen.Module):
    """The local layer assigned to the module too: the loop reaches it once, as torch's does."""

    def setup(self):
        last = linen.Dense(
            features=4,
            kernel_init=linen.initializers.zeros,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )
        self.last = last
        self.body = linen.Dense(
            features=8,
            kernel_init=linen.initializers.ones,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )

    def __call__(self, x):
        return self.last(self.body(x))
