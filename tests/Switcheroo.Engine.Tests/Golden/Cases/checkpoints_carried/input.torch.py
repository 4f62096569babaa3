import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, width=16, classes=4):
        super().__init__()
        self.body = nn.Linear(8, width)
        self.norm = nn.BatchNorm1d(width)
        self.out = nn.Linear(width, classes)

    def forward(self, x):
        return self.out(torch.relu(self.norm(self.body(x))))


class Kept(nn.Module):
    def __init__(self, *dims):
        super().__init__()
        self.fc = nn.Linear(dims[0], dims[1])

    def forward(self, x):
        return self.fc(x)


# A builder: the returned model carries the weights to whoever initialises it.
def encoder(checkpoint=None, **kwargs):
    model = Encoder(**kwargs)
    if checkpoint is not None:
        model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    return model


def encoder_for_eval(state_dict):
    net = Encoder(width=32)
    net.load_state_dict(state_dict, strict=False)
    net.eval()
    return net


def restore(model, path):
    model.load_state_dict(torch.load(path))


def aliased(path):
    model = Encoder()
    models = [model]
    model.load_state_dict(torch.load(path))
    return models


def kept(path):
    model = Kept(8, 2)
    model.load_state_dict(torch.load(path))
    return model


def built_elsewhere(factory, path):
    model = factory()
    model.load_state_dict(torch.load(path))
    return model
