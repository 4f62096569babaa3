# Beside unseen_submodules/input.torch.py: torch code that is not converted with it.
import torch.nn as nn


def round_width(width):
    return int(width + 0.5)


class ResidualUnit(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.fc = nn.Linear(width, width)

    def forward(self, x):
        return x + self.fc(x)
