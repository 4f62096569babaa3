"""nn.Sequential subclasses whose constructor takes an argument named layers (torchvision's
MaskRCNNHeads and KeypointRCNNHeads): that argument is a field, so the layer list is self.sequence,
whose items KeyMapper maps torch's 0, 1, ... to (state_dict keys 0.weight, 2.weight)."""
import typing
import jax
import flax.linen as linen
import switcheroo_runtime
from torch import nn

SWITCHEROO_EXAMPLES = {
    "Heads": {"args": [3, [8, 4]], "input_shape": [2, 3, 8, 8]},
    "Tower": {"args": [4, [6, 6]], "input_shape": [2, 4, 5, 5]},
}


class Heads(linen.Module):
    in_channels: typing.Any
    layers: typing.Any

    def setup(self):
        in_channels = self.in_channels
        layers = self.layers
        d = []
        next_feature = in_channels
        for out_channels in layers:
            d.append(
                switcheroo_runtime.ChannelsFirst(
                    linen.Conv(
                        features=out_channels,
                        kernel_size=(3, 3),
                        padding=1,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(next_feature, (3, 3)),
                    )
                )
            )
            d.append(linen.relu)
            next_feature = out_channels
        self.sequence = [*d]

    def __call__(self, x):
        for layer in self.sequence:
            x = layer(x)
        return x


class Tower(linen.Module):
    """Its own forward reads the layers through self."""

    channels: int
    layers: list

    def setup(self):
        channels = self.channels
        layers = self.layers
        self.sequence = [
            *[
                switcheroo_runtime.ChannelsFirst(
                    linen.Conv(
                        features=width,
                        kernel_size=(1, 1),
                        padding='VALID',
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(
                            channels if i == 0 else layers[i - 1], (1, 1)
                        ),
                    )
                ) for i, width in enumerate(layers)
            ]
        ]

    def __call__(self, x):
        for i in range(len(self.sequence)):
            x = jax.nn.relu(self.sequence[i](x))
        return x


# switcheroo: SWR3006 class Both is not converted to a Flax module: its constructor arguments...
class Both(nn.Sequential):
    """Both names the list could take are arguments: kept, reported."""

    def __init__(self, layers: int, sequence: int):
        super().__init__(nn.Linear(layers, sequence))
