import torch.nn as nn


class Unit(nn.Module):
    def __init__(self, width, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        self.conv = nn.Conv2d(width, width, 3, padding=1, bias=False)
        self.norm = norm_layer(width)

    def forward(self, x):
        return x + self.norm(self.conv(x))


class Tower(nn.Module):
    def __init__(self, width=8, depth=3, quiet_units=True):
        super().__init__()
        self.units = nn.Sequential(*[Unit(width) for _ in range(depth)])
        self.out = nn.Linear(width, 4)

        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            elif isinstance(m, nn.Linear) and m.bias is not None:
                nn.init.zeros_(m.bias)

        # each unit starts as the identity: a later loop, applied after the first one
        if quiet_units:
            for m in self.modules():
                if isinstance(m, Unit) and m.norm.weight is not None:
                    nn.init.zeros_(m.norm.weight)

    def forward(self, x):
        return self.out(self.units(x).mean((2, 3)))


class Misnamed(nn.Module):
    def __init__(self, width=8):
        super().__init__()
        self.units = nn.Sequential(*[Unit(width) for _ in range(2)])
        for m in self.modules():
            if isinstance(m, Unit):
                # Unit has no self.bn: torch fails here
                nn.init.zeros_(m.bn.weight)

    def forward(self, x):
        return self.units(x)


class Drawn(nn.Module):
    def __init__(self, width=8):
        super().__init__()
        self.units = nn.Sequential(*[Unit(width) for _ in range(2)])
        for m in self.modules():
            if isinstance(m, Unit):
                # fans come from the layer's layout, which the loop cannot see
                nn.init.xavier_uniform_(m.conv.weight)

    def forward(self, x):
        return self.units(x)


class Early(nn.Module):
    def __init__(self):
        super().__init__()
        self.parts = nn.Sequential(*[Late() for _ in range(2)])
        for m in self.modules():
            # the decorator would name Late before the file defines it
            if isinstance(m, Late):
                nn.init.ones_(m.fc.bias)

    def forward(self, x):
        return self.parts(x)


class Late(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        return self.fc(x)
