"""Init loops over modules that sit inside mapped composite layers (torchvision.ops's
Conv2dNormActivation, SqueezeExcitation, MLP): the loop reaches the Conv2d, BatchNorm2d and Linear
layers inside them, so it is applied when the model initialises, or reported; never dropped."""
import typing
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Plain(linen.Module):
    in_channels: typing.Any
    out_channels: typing.Any
    train: bool = True

    def setup(self):
        in_channels = self.in_channels
        out_channels = self.out_channels
        self.block = switcheroo_runtime.conv_norm_activation_layer(2, self.train)(
            in_channels, out_channels
        )
        self.excite = switcheroo_runtime.squeeze_excitation_layer(out_channels, 4)

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.variance_scaling(2.0, "fan_out", "normal"),
            ),
            switcheroo_runtime.init_branch(
                "torch.nn.BatchNorm2d", weight=linen.initializers.constant(0.5)
            ),
        ]
    )
    def __call__(self, x):
        return self.excite(self.block(x))


class Stacked(linen.Module):
    channels: typing.Any
    train: bool = True

    def setup(self):
        channels = self.channels
        self.body = linen.Sequential([
            switcheroo_runtime.conv_norm_activation_layer(2, self.train)(channels, channels),
            switcheroo_runtime.conv_norm_activation_layer(2, self.train)(channels, channels),
        ])
        self.head = switcheroo_runtime.mlp_layer(self.train)(channels, [16, 4])

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.variance_scaling(2.0, "fan_out", "normal"),
            ),
            switcheroo_runtime.init_branch(
                "torch.nn.Linear",
                weight=linen.initializers.normal(stddev=0.01),
                bias=linen.initializers.zeros,
            ),
        ]
    )
    def __call__(self, x):
        return self.head(jnp.mean(self.body(x), axis=(2, 3)))


class Under(linen.Module):
    channels: typing.Any
    train: bool = True

    def setup(self):
        channels = self.channels
        self.block = switcheroo_runtime.conv_norm_activation_layer(2, self.train)(
            channels, channels
        )

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=linen.initializers.variance_scaling(2.0, "fan_out", "normal"),
            )
        ],
        under="block",
    )
    def __call__(self, x):
        return self.block(x)


class Heads(linen.Module):
    # torchvision's MaskRCNNHeads: no forward of its own, so the loop cannot be applied at init
    in_channels: typing.Any
    layers: typing.Any
    dilation: typing.Any
    train: bool = True

    def setup(self):
        in_channels = self.in_channels
        layers = self.layers
        dilation = self.dilation
        blocks = []
        next_feature = in_channels
        for layer_features in layers:
            blocks.append(
                switcheroo_runtime.conv_norm_activation_layer(2, self.train)(
                    next_feature, layer_features, padding=dilation, dilation=dilation
                )
            )
            next_feature = layer_features
        self.sequence = [*blocks]
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for layer in self.modules():
            # switcheroo: SWR3003 torch.nn.Conv2d in an isinstance/issubclass test is not converted: the...
            if isinstance(layer, nn.Conv2d):
                # switcheroo: SWR3015 torch.nn.init.kaiming_normal_ not converted: the loop reaches the layers...
                nn.init.kaiming_normal_(layer.weight, mode="fan_out", nonlinearity="relu")
                # switcheroo: SWR3001 torch.nn.Conv2d.bias has no mapping: a Flax layer holds no weights (they...
                if layer.bias is not None:
                    # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: the loop reaches the layers Heads holds...
                    nn.init.zeros_(layer.bias)

    def __call__(self, x):
        for layer in self.sequence:
            x = layer(x)
        return x
