import torch.nn as nn


def conv_bn(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout))


class Residual(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = conv_bn(channels, channels)
        # the block starts as the identity: its own loop runs first, in its constructor
        self.apply(self._zero_last_norm)

    def _zero_last_norm(self, m):
        if isinstance(m, nn.BatchNorm2d):
            nn.init.zeros_(m.weight)

    def forward(self, x):
        return x + self.body(x)


class Classifier(nn.Module):
    def __init__(self, channels=16, classes=10, depth=2):
        super().__init__()
        self.stem = conv_bn(3, channels)
        self.blocks = nn.Sequential(*[Residual(channels) for _ in range(depth)])
        self.head = nn.Linear(channels, classes)

        # layers built by a helper and in a list: applied when the model initialises, after the blocks' loops
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, (nn.Linear,)):
                nn.init.normal_(m.weight, 0, 0.01)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(x.mean((2, 3)))


class LateLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = conv_bn(3, 8)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.xavier_uniform_(m.weight)
        # torch's loop does not reach a layer built after it
        self.extra = nn.Linear(8, 2)

    def forward(self, x):
        return self.extra(self.features(x).mean((2, 3)))


class LateInit(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = conv_bn(3, 8)
        self.fc = nn.Linear(8, 2)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.zeros_(m.bias)
        # runs after the loop, which is applied when the model initialises: reported
        nn.init.ones_(self.fc.bias)

    def forward(self, x):
        return self.fc(self.features(x).mean((2, 3)))


class Switchable(nn.Module):
    def __init__(self, init_weights=True):
        super().__init__()
        self.features = conv_bn(3, 8)
        self.fc = nn.Linear(8, 2)
        # decided when the model is built: the module's field of that name
        if init_weights:
            for m in self.modules():
                if isinstance(m, nn.Conv2d) or isinstance(m, nn.Linear):
                    nn.init.trunc_normal_(m.weight, std=0.02)

    def forward(self, x):
        return self.fc(self.features(x).mean((2, 3)))
