import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim


class Regressor(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.hidden = nn.Linear(6, width)
        self.out = nn.Linear(width, 1)

    def forward(self, x):
        return self.out(torch.tanh(self.hidden(x)))


def fit(batches, accumulate=4):
    torch.manual_seed(3)
    net = Regressor(12)
    # the window: four batches per update
    sgd = optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    for step, (features, target) in enumerate(batches):
        prediction = net(features)
        loss = F.mse_loss(prediction, target) / accumulate
        loss.backward()
        if (step + 1) % accumulate == 0:
            sgd.step()
            sgd.zero_grad()
    return float(loss)


def fit_epochs(batches, epochs):
    torch.manual_seed(5)
    net = Regressor(8)
    adam = optim.Adam(net.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for n, (features, target) in enumerate(batches):
            loss = F.l1_loss(net(features), target) / 2
            loss.backward()
            if (n + 1) % 2 == 0:
                adam.step()
                adam.zero_grad()


def from_one(batches):
    net = Regressor(8)
    sgd = optim.SGD(net.parameters(), lr=0.1)
    for n, (features, target) in enumerate(batches, 1):
        loss = F.mse_loss(net(features), target) / 3
        loss.backward()
        if (n + 1) % 3 == 0:
            sgd.step()
            sgd.zero_grad()


def counted_from_one(batches):
    # enumerate from 1 with 'n % 3 == 0' steps on the same batches as (n + 1) % 3 from 0.
    net = Regressor(8)
    sgd = optim.SGD(net.parameters(), lr=0.1)
    for n, (features, target) in enumerate(batches, start=1):
        loss = F.mse_loss(net(features), target) / 3
        loss.backward()
        if n % 3 == 0:
            sgd.step()
            sgd.zero_grad()


def every_late(batches):
    net = Regressor(8)
    sgd = optim.SGD(net.parameters(), lr=0.1)
    k = max(1, len(batches) // 8)
    for n, (features, target) in enumerate(batches):
        loss = F.mse_loss(net(features), target) / k
        loss.backward()
        if (n + 1) % k == 0:
            sgd.step()
            sgd.zero_grad()
