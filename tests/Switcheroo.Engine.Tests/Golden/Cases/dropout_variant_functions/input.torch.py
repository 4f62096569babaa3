"""Channel and alpha dropout as functions: torch's defaults (training=True for dropout1d/2d/3d,
False for the alpha variants) and the module's train flag."""
import torch
import torch.nn as nn
import torch.nn.functional as F

SWITCHEROO_EXAMPLES = {"Noisy": {"input_shape": [2, 4, 6, 6]}}


class Noisy(nn.Module):
    def __init__(self, p=0.2):
        super().__init__()
        self.p = p
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        y = F.dropout2d(self.conv(x), self.p, self.training)
        y = F.dropout3d(y.unsqueeze(2), p=0.1, training=self.training).squeeze(2)
        line = F.dropout1d(y.flatten(2), 0.1, self.training, False)
        selu = F.alpha_dropout(F.selu(y), 0.05, self.training)
        mixed = F.feature_alpha_dropout(selu, p=0.05, training=self.training)
        return mixed + line.reshape(y.shape)
