import torch
import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    """A two-layer perceptron."""

    def __init__(self, in_features: int, hidden=128, num_classes=10, act=nn.GELU()):
        super().__init__()
        self.hidden = hidden
        self.fc1 = nn.Linear(in_features, hidden)
        self.act = act
        self.fc2 = nn.Linear(hidden, num_classes, bias=False)
        self.blocks = nn.ModuleList([nn.Linear(hidden, hidden) for _ in range(2)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.act(self.fc1(x))
        for block in self.blocks:
            x = F.relu(block(x))
        return F.log_softmax(self.fc2(x), dim=-1)
