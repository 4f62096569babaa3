import torch
import torch.nn as nn
from torch import optim


class G(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, z):
        return self.fc(z)


def gan(loader, d):
    g = G()
    opt_g = optim.Adam(g.parameters(), lr=2e-4)
    opt_d = optim.Adam(d.parameters(), lr=2e-4)
    for real in loader:
        opt_d.zero_grad()
        loss_d = d(real).mean() - d(g(real)).mean()
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = -d(g(real)).mean()
        loss_g.backward()
        opt_g.step()


def accumulate(loader):
    model = G()
    opt = optim.SGD(model.parameters(), lr=0.1)
    for i, (x, y) in enumerate(loader):
        loss = ((model(x) - y) ** 2).mean() / 4
        loss.backward()
        if (i + 1) % 4 == 0:
            opt.step()
            opt.zero_grad()


def amp(loader, scaler):
    model = G()
    opt = optim.SGD(model.parameters(), lr=0.1)
    for x in loader:
        opt.zero_grad()
        loss = model(x).sum()
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()


def lbfgs(x):
    model = G()
    opt = optim.LBFGS(model.parameters())
    for _ in range(10):
        def closure():
            opt.zero_grad()
            loss = model(x).sum()
            loss.backward()
            return loss
        opt.step(closure)


def no_zero_grad(loader):
    model = G()
    opt = optim.SGD(model.parameters(), lr=0.1)
    for x in loader:
        loss = model(x).sum()
        loss.backward()
        opt.step()


def touched_gradients(loader):
    model = G()
    opt = optim.SGD(model.parameters(), lr=0.1)
    for x in loader:
        opt.zero_grad()
        loss = model(x).sum()
        loss.backward()
        print(model.fc.weight.grad)
        opt.step()


def once(model, x):
    opt = optim.SGD(model.parameters(), lr=0.1)
    opt.zero_grad()
    model(x).sum().backward()
