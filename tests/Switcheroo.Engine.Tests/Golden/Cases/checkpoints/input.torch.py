import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        self.bn = nn.BatchNorm1d(2)

    def forward(self, x):
        return self.bn(self.fc(x))


def predict(path, x):
    model = Net()
    model.load_state_dict(torch.load(path, map_location="cpu"))
    model.eval()
    with torch.no_grad():
        return model(x).argmax(dim=1)


def score(path, loader):
    model = Net()
    model.load_state_dict(torch.load(path))
    model.eval()
    total = 0
    for x, y in loader:
        total += (model(x) - y).abs().sum()
    return total


def fine_tune(path, loader):
    torch.manual_seed(0)
    model = Net()
    model.load_state_dict(torch.load(path))
    opt = torch.optim.Adam(model.parameters())
    for x, y in loader:
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
    return loss


def loaded(path):
    model = Net()
    model.load_state_dict(torch.load(path), strict=False)
    return model


def after_training(loader, path):
    torch.manual_seed(0)
    model = Net()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
    model.load_state_dict(torch.load(path))
    torch.save(model, path)
    torch.save(model.state_dict(), path)


def partial(path, x):
    model = Net()
    model.load_state_dict(torch.load(path), strict=False)
    model.eval()
    return model(x)


def partial_fine_tune(path, loader):
    torch.manual_seed(0)
    model = Net()
    model.load_state_dict(torch.load(path), False)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
    return loss
