"""Models whose BatchNorm their class does not show: layers a free function builds and the model is
given (VGG's make_layers), and a norm layer class passed to a layer helper. A training step applying
them keeps their statistics (mutable=["batch_stats"]) when the variables have them."""
from typing import List

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim


def make_layers(widths: List[int], batch_norm: bool = False) -> nn.Sequential:
    layers: List[nn.Module] = []
    channels = 3
    for width in widths:
        layers.append(nn.Conv2d(channels, width, kernel_size=3, padding=1))
        if batch_norm:
            layers.append(nn.BatchNorm2d(width))
        layers.append(nn.ReLU(inplace=True))
        channels = width
    return nn.Sequential(*layers)


class Features(nn.Module):
    """Nothing of its own follows the mode: its train flag comes from the layers it is given."""

    def __init__(self, features: nn.Module, classes: int = 10) -> None:
        super().__init__()
        self.features = features
        self.fc = nn.Linear(16, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(F.adaptive_avg_pool2d(self.features(x), 1), 1)
        return self.fc(x)


class VGGish(nn.Module):
    """A train flag of its own (its dropout), as torchvision's VGG."""

    def __init__(self, features: nn.Module, classes: int = 10) -> None:
        super().__init__()
        self.features = features
        self.classifier = nn.Sequential(nn.Dropout(0.5), nn.Linear(16, classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(torch.flatten(F.adaptive_avg_pool2d(self.features(x), 1), 1))


def conv_norm(c_in: int, c_out: int, norm_layer) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), norm_layer(c_out), nn.ReLU())


class Normed(nn.Module):
    def __init__(self, norm_layer) -> None:
        super().__init__()
        self.block = conv_norm(3, 16, norm_layer)
        self.fc = nn.Linear(16, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(self.block(x), 1), 1))


def train(loader, epochs: int = 2):
    torch.manual_seed(0)
    model = Features(make_layers([8, 16], batch_norm=True))
    optimizer = optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for epoch in range(epochs):
        model.train()
        for images, labels in loader:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(images), labels)
            loss.backward()
            optimizer.step()
    model.eval()
    for images, labels in loader:
        print(model(images).argmax(1))


def train_vgg(loader, batch_norm: bool):
    torch.manual_seed(1)
    model = VGGish(make_layers([8, 16], batch_norm))
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for images, labels in loader:
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()


def train_normed(loader):
    torch.manual_seed(2)
    model = Normed(norm_layer=nn.BatchNorm2d)
    optimizer = optim.SGD(model.parameters(), lr=0.05)
    model.train()
    for images, labels in loader:
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
