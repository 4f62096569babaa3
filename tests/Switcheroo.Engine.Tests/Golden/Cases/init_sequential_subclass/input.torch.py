import torch.nn as nn


def conv_bn_relu(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class ConvTower(nn.Sequential):
    """Convolutions then a projection, given to the Sequential built in a loop."""

    def __init__(self, channels, widths, out_features):
        stages = []
        previous = channels
        for width in widths:
            stages.append(conv_bn_relu(previous, width))
            previous = width
        stages.append(nn.Flatten())
        stages.append(nn.Linear(previous * 4, out_features))
        super().__init__(*stages)
        # the layers built by the helper are unseen: applied when the model initialises, on the __call__ written for the Sequential
        for block in self.modules():
            if isinstance(block, nn.Conv2d):
                nn.init.kaiming_uniform_(block.weight, nonlinearity="relu")
                if block.bias is not None:
                    nn.init.constant_(block.bias, 0.5)
            elif isinstance(block, nn.BatchNorm2d):
                nn.init.ones_(block.weight)


class Decorated(nn.Sequential):
    def __init__(self, width):
        super().__init__(conv_bn_relu(3, width), conv_bn_relu(width, width))
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.normal_(m.weight, std=0.05)

    def forward(self, x):
        # a forward of its own takes the decorator as a module's does
        for stage in self:
            x = stage(x)
        return x


class Upsampler(nn.Sequential):
    def __init__(self, channels, layers):
        items = []
        for width in layers:
            items.append(nn.Conv2d(channels, width, 3, padding=1))
            items.append(nn.ReLU(inplace=True))
            channels = width
        super().__init__(*items)
        # its own items alone (kept in self.sequence, since 'layers' is an argument)
        for m in self.children():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                nn.init.constant_(m.bias, 0)


class Flat(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        # children() of a class that is not an nn.Sequential subclass: reported
        for m in self.children():
            if isinstance(m, nn.Linear):
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.fc(x)
