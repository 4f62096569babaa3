import typing
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Unit(linen.Module):
    width: typing.Any
    norm_layer: typing.Any = None
    train: bool = True

    def setup(self):
        width = self.width
        norm_layer = self.norm_layer
        if norm_layer is None:
            norm_layer = switcheroo_runtime.batch_norm_layer(self.train)
        self.conv = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=width,
                kernel_size=(3, 3),
                padding=1,
                use_bias=False,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width, (3, 3)),
            )
        )
        self.norm = norm_layer(width)

    def __call__(self, x):
        return x + self.norm(self.conv(x))


class Tower(linen.Module):
    width: int = 8
    depth: int = 3
    quiet_units: bool = True
    train: bool = True

    def setup(self):
        width = self.width
        depth = self.depth
        self.units = linen.Sequential([*[Unit(width, train=self.train) for _ in range(depth)]])
        self.out = linen.Dense(
            features=4,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

        # each unit starts as the identity: a later loop, applied after the first one

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                Unit, weight=linen.initializers.zeros, present=("weight",), at="norm"
            )
        ],
        when="quiet_units",
    )
    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.variance_scaling(2.0, "fan_in", "normal"),
            ),
            switcheroo_runtime.init_branch(
                "torch.nn.Linear", bias=linen.initializers.zeros, present=("bias",)
            ),
        ]
    )
    def __call__(self, x):
        return self.out(jnp.mean(self.units(x), axis=(2, 3)))


class Misnamed(linen.Module):
    width: int = 8
    train: bool = True

    def setup(self):
        width = self.width
        self.units = linen.Sequential([*[Unit(width, train=self.train) for _ in range(2)]])
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for m in self.modules():
            if isinstance(m, Unit):
                # Unit has no self.bn: torch fails here
                # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: Unit assigns no self.bn (nor does a...
                nn.init.zeros_(m.bn.weight)

    def __call__(self, x):
        return self.units(x)


class Drawn(linen.Module):
    width: int = 8
    train: bool = True

    def setup(self):
        width = self.width
        self.units = linen.Sequential([*[Unit(width, train=self.train) for _ in range(2)]])
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for m in self.modules():
            if isinstance(m, Unit):
                # fans come from the layer's layout, which the loop cannot see
                # switcheroo: SWR3015 torch.nn.init.xavier_uniform_ not converted: torch.nn.init.xavier_uniform_...
                nn.init.xavier_uniform_(m.conv.weight)

    def __call__(self, x):
        return self.units(x)


class Early(linen.Module):
    def setup(self):
        self.parts = linen.Sequential([*[Late() for _ in range(2)]])
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for m in self.modules():
            # the decorator would name Late before the file defines it
            if isinstance(m, Late):
                # switcheroo: SWR3015 torch.nn.init.ones_ not converted: the decorator of Early's __call__ names...
                nn.init.ones_(m.fc.bias)

    def __call__(self, x):
        return self.parts(x)


class Late(linen.Module):
    def setup(self):
        self.fc = linen.Dense(
            features=4,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )

    def __call__(self, x):
        return self.fc(x)
