import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 4)
        self.probs = nn.Softmax()
        self.log_probs = nn.LogSoftmax(dim=1)
        self.norm = nn.LayerNorm(8)
        self.groups = nn.GroupNorm(2, 8)

    def forward(self, x):
        # without dim torch takes dim 1 of a 2-D input, not the last axis
        x = self.norm(x)
        return self.probs(self.fc(x)), self.log_probs(x), F.softmax(x), F.log_softmax(x, dim=-1), self.groups(x[:, :, None])


def make_optimizer(model):
    return optim.Adagrad(model.parameters(), lr=0.1, lr_decay=1e-3, weight_decay=1e-4, eps=1e-8)
