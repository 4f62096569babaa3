import torch
import torch.nn as nn
from torch.optim import lr_scheduler


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


def train(loader, epochs, lr=0.1):
    torch.manual_seed(0)
    model = Net()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    scheduler = lr_scheduler.StepLR(optimizer, step_size=30)
    for epoch in range(epochs):
        for x, y in loader:
            optimizer.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(epoch, scheduler.get_last_lr()[0])


def multi(loader):
    model = Net()
    optimizer = torch.optim.Adam(model.parameters(), weight_decay=1e-4)
    scheduler = lr_scheduler.MultiStepLR(optimizer, milestones=[30, 80], gamma=0.5)
    for epoch in range(100):
        for x, y in loader:
            optimizer.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            scheduler.step()


def cosine(loader):
    model = Net()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    scheduler = lr_scheduler.CosineAnnealingLR(optimizer, T_max=10, eta_min=1e-5)
    for epoch in range(10):
        for x, y in loader:
            optimizer.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            loss.backward()
            optimizer.step()
        scheduler.step()


def unconverted(loader, optimizer):
    scheduler = lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=100)
    lam = lr_scheduler.LambdaLR(optimizer, lambda e: 0.95 ** e)
    scheduler.step()
