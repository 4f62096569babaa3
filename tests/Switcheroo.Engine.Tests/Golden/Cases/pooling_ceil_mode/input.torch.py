import torch.nn as nn
import torch.nn.functional as F


class Stem(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.plain = nn.MaxPool2d(2)
        self.padded = nn.MaxPool2d(3, 2, 1)
        self.explicit = nn.MaxPool2d(3, stride=2, ceil_mode=False)

    def forward(self, x):
        y = self.padded(self.plain(self.pool(x)))
        return F.max_pool2d(self.explicit(y), 2, ceil_mode=True)
