import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(channels, momentum=0.01, eps=1e-3)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class Net(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU())
        self.block = Block(16)
        self.head = nn.Sequential(nn.Dropout(0.25), nn.Linear(16, classes))
        self.norm = nn.BatchNorm1d(classes, affine=False, track_running_stats=False)

    def forward(self, x):
        x = self.block(self.stem(x))
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        if self.training:
            x = F.dropout(x, p=0.1, training=self.training)
        return self.norm(self.head(x))


def make(other):
    model = Net()
    model.eval()
    block = Block(3)
    block.train(False)
    plain = Plain()
    plain.train()
    other.eval()
    stats = nn.BatchNorm2d(3)
    return model, stats


class Plain(nn.Module):
    def forward(self, x):
        return x


class Tuned(nn.Module):
    def __init__(self, channels, bn_momentum):
        super().__init__()
        self.bn = nn.BatchNorm2d(channels, momentum=bn_momentum)

    def forward(self, x):
        return self.bn(x)


def make_plain():
    plain = Plain(); plain.eval()
    return plain
