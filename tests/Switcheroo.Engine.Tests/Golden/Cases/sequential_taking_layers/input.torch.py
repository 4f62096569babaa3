"""nn.Sequential subclasses whose constructor takes an argument named layers (torchvision's
MaskRCNNHeads and KeypointRCNNHeads): that argument is a field, so the layer list is self.sequence,
whose items KeyMapper maps torch's 0, 1, ... to (state_dict keys 0.weight, 2.weight)."""
import torch
from torch import nn

SWITCHEROO_EXAMPLES = {
    "Heads": {"args": [3, [8, 4]], "input_shape": [2, 3, 8, 8]},
    "Tower": {"args": [4, [6, 6]], "input_shape": [2, 4, 5, 5]},
}


class Heads(nn.Sequential):
    def __init__(self, in_channels, layers):
        d = []
        next_feature = in_channels
        for out_channels in layers:
            d.append(nn.Conv2d(next_feature, out_channels, 3, stride=1, padding=1))
            d.append(nn.ReLU(inplace=True))
            next_feature = out_channels
        super().__init__(*d)


class Tower(nn.Sequential):
    """Its own forward reads the layers through self."""

    def __init__(self, channels: int, layers: list):
        super().__init__(*[nn.Conv2d(channels if i == 0 else layers[i - 1], width, 1) for i, width in enumerate(layers)])

    def forward(self, x):
        for i in range(len(self)):
            x = torch.relu(self[i](x))
        return x


class Both(nn.Sequential):
    """Both names the list could take are arguments: kept, reported."""

    def __init__(self, layers: int, sequence: int):
        super().__init__(nn.Linear(layers, sequence))
