"""Init loops over modules that sit inside mapped composite layers (torchvision.ops's
Conv2dNormActivation, SqueezeExcitation, MLP): the loop reaches the Conv2d, BatchNorm2d and Linear
layers inside them, so it is applied when the model initialises, or reported; never dropped."""
import torch.nn as nn
from torchvision.ops import MLP, SqueezeExcitation
from torchvision.ops import misc as misc_nn_ops


class Plain(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.block = misc_nn_ops.Conv2dNormActivation(in_channels, out_channels, kernel_size=3)
        self.excite = SqueezeExcitation(out_channels, 4)
        for layer in self.modules():
            if isinstance(layer, nn.Conv2d):
                nn.init.kaiming_normal_(layer.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(layer, nn.BatchNorm2d):
                nn.init.constant_(layer.weight, 0.5)

    def forward(self, x):
        return self.excite(self.block(x))


class Stacked(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            misc_nn_ops.Conv2dNormActivation(channels, channels),
            misc_nn_ops.Conv2dNormActivation(channels, channels),
        )
        self.head = MLP(channels, [16, 4])
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.01)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.head(self.body(x).mean((2, 3)))


class Under(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.block = misc_nn_ops.Conv2dNormActivation(channels, channels)
        for m in self.block.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        return self.block(x)


class Heads(nn.Sequential):
    # torchvision's MaskRCNNHeads: no forward of its own; the loop is applied at init on the __call__ its conversion writes
    def __init__(self, in_channels, layers, dilation):
        blocks = []
        next_feature = in_channels
        for layer_features in layers:
            blocks.append(misc_nn_ops.Conv2dNormActivation(next_feature, layer_features, kernel_size=3, stride=1, padding=dilation, dilation=dilation))
            next_feature = layer_features
        super().__init__(*blocks)
        for layer in self.modules():
            if isinstance(layer, nn.Conv2d):
                nn.init.kaiming_normal_(layer.weight, mode="fan_out", nonlinearity="relu")
                if layer.bias is not None:
                    nn.init.zeros_(layer.bias)
