"""What an optimizer is given decides what it updates: Optax updates all it is given, so only a whole model's parameters() converts."""
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(4, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        return self.head(self.body(x))


def optimizers():
    model = Net()
    whole = torch.optim.SGD(model.parameters(), lr=0.1)
    listed = torch.optim.SGD(list(model.parameters()), lr=0.1)
    head_only = torch.optim.SGD(model.head.parameters(), lr=0.1)
    groups = [{"params": model.body.parameters()}, {"params": model.head.parameters(), "lr": 0.01}]
    grouped = torch.optim.AdamW(groups, lr=1e-3)
    trainable = torch.optim.Adam(filter(lambda p: p.requires_grad, model.parameters()), lr=1e-3)
    return whole, listed, head_only, grouped, trainable
