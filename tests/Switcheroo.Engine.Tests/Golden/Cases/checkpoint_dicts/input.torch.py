import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim
from torch.optim.lr_scheduler import StepLR


class Classifier(nn.Module):
    def __init__(self, features=20, classes=3):
        super().__init__()
        self.hidden = nn.Linear(features, 64)
        self.norm = nn.BatchNorm1d(64)
        self.out = nn.Linear(64, classes)

    def forward(self, x):
        return self.out(F.relu(self.norm(self.hidden(x))))


def train_and_save(batches, epochs, ckpt_path):
    """Each epoch ends with a full checkpoint: weights, optimizer moments, the epoch and the last loss."""
    torch.manual_seed(3)
    net = Classifier()
    opt = optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    for epoch in range(epochs):
        net.train()
        for inputs, targets in batches:
            opt.zero_grad()
            loss = F.cross_entropy(net(inputs), targets)
            loss.backward()
            opt.step()
        torch.save({"epoch": epoch, "state_dict": net.state_dict(), "optim": opt.state_dict(), "loss": loss.item()}, ckpt_path)


def resume_training(batches, epochs, ckpt_path):
    """Resuming: the model, the optimizer state and the epoch come from the checkpoint."""
    torch.manual_seed(3)
    net = Classifier()
    opt = optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    saved = torch.load(ckpt_path, map_location="cpu")
    net.load_state_dict(saved["state_dict"])
    opt.load_state_dict(saved["optim"])
    first = saved["epoch"] + 1
    for epoch in range(first, epochs):
        net.train()
        for inputs, targets in batches:
            opt.zero_grad()
            loss = F.cross_entropy(net(inputs), targets)
            loss.backward()
            opt.step()


def roll_back(batches, ckpt_path):
    """A load after training replaces the trained weights and the optimizer state."""
    torch.manual_seed(4)
    net = Classifier()
    opt = optim.Adam(net.parameters(), lr=1e-3)
    for inputs, targets in batches:
        opt.zero_grad()
        loss = F.cross_entropy(net(inputs), targets)
        loss.backward()
        opt.step()
    state = torch.load(ckpt_path)
    net.load_state_dict(state["model"])
    opt.load_state_dict(state["optimizer"])
    net.eval()
    return [net(inputs).argmax(1) for inputs, _ in batches]


def with_scheduler(batches, epochs, ckpt_path):
    """A scheduler's state has no Optax counterpart: the save is reported."""
    torch.manual_seed(5)
    net = Classifier()
    opt = optim.SGD(net.parameters(), lr=0.1)
    sched = StepLR(opt, step_size=2)
    for epoch in range(epochs):
        for inputs, targets in batches:
            opt.zero_grad()
            loss = F.cross_entropy(net(inputs), targets)
            loss.backward()
            opt.step()
        sched.step()
    torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict()}, ckpt_path)


def untrained(ckpt_path):
    """No converted training step of the model here: reported."""
    net = Classifier()
    torch.save({"model": net.state_dict(), "epoch": 0}, ckpt_path)
