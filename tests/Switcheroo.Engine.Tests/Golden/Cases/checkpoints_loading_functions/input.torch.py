# A function that loads a state_dict into the model it is given (torchvision's densenet has one):
# torch loads into the caller's object, a Linen module holds no weights, so the function returns the
# model carrying the state_dict and every call rebinds the name it passed. A builder may also take its
# model from other builders of the file, however deep.
import re
from typing import Optional

import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int) -> None:
        super().__init__()
        self.body = nn.Linear(features, 32)
        self.head = nn.Linear(32, classes)

    def forward(self, x):
        return self.head(torch.relu(self.body(x)))


def _renamed(state_dict):
    # Older checkpoints spelt the first layer "hidden".
    return {re.sub(r"^hidden\.", "body.", key): value for key, value in state_dict.items()}


def _load_weights(model: nn.Module, path: str) -> None:
    state_dict = _renamed(torch.load(path, map_location="cpu"))
    model.load_state_dict(state_dict)


def _load_some(net, state_dict):
    net.load_state_dict(state_dict, strict=False)


def _sized(features: int, classes: int, wide: bool) -> Classifier:
    if wide:
        return Classifier(features * 2, classes)
    return Classifier(features, classes)


def _default(classes: int) -> Classifier:
    return _sized(16, classes, False)


def classifier(path: Optional[str] = None, classes: int = 10) -> Classifier:
    model = Classifier(16, classes)
    if path is not None:
        _load_weights(model=model, path=path)
    return model


def partial_classifier(state_dict) -> Classifier:
    net = Classifier(16, 4)
    _load_some(net, state_dict)
    return net


def default_classifier(state_dict) -> Classifier:
    model = _default(5)
    model.load_state_dict(state_dict)
    return model


# Reported: the load is not the function's last statement, so it cannot return the model.
def _load_then_log(model, state_dict):
    model.load_state_dict(state_dict)
    print("loaded", len(state_dict))


def logged_classifier(state_dict):
    model = Classifier(16, 3)
    _load_then_log(model, state_dict)
    return model


# Reported: the caller uses what the function returns.
def _load_and_tell(model, state_dict):
    model.load_state_dict(state_dict)


def told_classifier(state_dict):
    model = Classifier(16, 3)
    told = _load_and_tell(model, state_dict)
    return model, told


# Reported: the caller applies the model it loaded, where its variables are built instead.
def _load_plain(model, state_dict):
    model.load_state_dict(state_dict)


def scores(state_dict, x):
    model = Classifier(16, 3)
    _load_plain(model, state_dict)
    return model(x)
