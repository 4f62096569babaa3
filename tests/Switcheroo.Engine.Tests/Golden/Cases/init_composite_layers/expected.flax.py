"""Init loops over modules that sit inside mapped composite layers (torchvision.ops's
Conv2dNormActivation, SqueezeExcitation, MLP): the loop reaches the Conv2d, BatchNorm2d and Linear
layers inside them, so it is applied when the model initialises, or reported; never dropped."""
import typing
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Plain(nn.Module):
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
                "torch.nn.Conv2d", weight=nn.initializers.variance_scaling(2.0, "fan_out", "normal")
            ),
            switcheroo_runtime.init_branch(
                "torch.nn.BatchNorm2d", weight=nn.initializers.constant(0.5)
            ),
        ]
    )
    def __call__(self, x):
        return self.excite(self.block(x))


class Stacked(nn.Module):
    channels: typing.Any
    train: bool = True

    def setup(self):
        channels = self.channels
        self.body = nn.Sequential([
            switcheroo_runtime.conv_norm_activation_layer(2, self.train)(channels, channels),
            switcheroo_runtime.conv_norm_activation_layer(2, self.train)(channels, channels),
        ])
        self.head = switcheroo_runtime.mlp_layer(self.train)(channels, [16, 4])

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d", weight=nn.initializers.variance_scaling(2.0, "fan_out", "normal")
            ),
            switcheroo_runtime.init_branch(
                "torch.nn.Linear",
                weight=nn.initializers.normal(stddev=0.01),
                bias=nn.initializers.zeros,
            ),
        ]
    )
    def __call__(self, x):
        return self.head(jnp.mean(self.body(x), axis=(2, 3)))


class Under(nn.Module):
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
                "torch.nn.Conv2d", weight=nn.initializers.variance_scaling(2.0, "fan_out", "normal")
            )
        ],
        under="block",
    )
    def __call__(self, x):
        return self.block(x)


class Heads(nn.Module):
    # torchvision's MaskRCNNHeads: no forward of its own; the loop is applied at init on the __call__ its conversion writes
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

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d",
                weight=nn.initializers.variance_scaling(2.0, "fan_out", "normal"),
                bias=nn.initializers.zeros,
                optional=("bias",),
            )
        ]
    )
    def __call__(self, x):
        for layer in self.sequence:
            x = layer(x)
        return x
