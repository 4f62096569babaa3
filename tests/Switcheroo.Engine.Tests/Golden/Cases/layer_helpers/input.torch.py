import torch
import torch.nn as nn


def conv_bn(c_in, c_out, stride=1):
    # a convolution and its normalisation, as a stage's unit
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(),
    )


def pointwise(c_in, c_out):
    return nn.Conv2d(c_in, c_out, 1)


def norm_then_drop(channels, *extra, p=0.1):
    return [nn.BatchNorm2d(channels, eps=1e-3), nn.Dropout(p)]


def outside(channels):
    return nn.BatchNorm2d(channels)


class Stage(nn.Module):
    def __init__(self, c_in, c_out, depth=2):
        super().__init__()
        self.body = self._make_body(c_in, c_out, depth)
        self.tail = nn.Sequential(*norm_then_drop(c_out))

    def _make_body(self, c_in, c_out, depth):
        layers = []
        for i in range(depth):
            layers.append(conv_bn(c_in if i == 0 else c_out, c_out))
        layers.append(pointwise(c_out, c_out))
        return nn.Sequential(*layers)

    def forward(self, x):
        return self.tail(self.body(x))


class Net(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = conv_bn(3, 16, stride=2)
        self.stage = Stage(16, 32)
        self.head = nn.Linear(32, classes)

    def forward(self, x):
        x = self.stage(self.stem(x))
        return self.head(torch.flatten(x.mean((2, 3), keepdim=True), 1))


standalone = outside(8)
