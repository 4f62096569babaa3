"""Writes the benchmark project's PyTorch sources: N modules in 10 packages, each a realistic mix of
module classes (MLPs, convolutional blocks, residual blocks) and tensor helper functions, with
sizes and layer counts varying by file so no two files are the same.

Usage: generate.py OUT_DIR [COUNT]
"""
import os
import sys

HEADER = '''"""Generated benchmark model {index}: {kind}."""
import torch
import torch.nn as nn
import torch.nn.functional as F
'''

MLP = '''

class MLP{index}(nn.Module):
    def __init__(self, features: int = {features}, hidden: int = {hidden}, classes: int = {classes}):
        super().__init__()
        self.fc1 = nn.Linear(features, hidden)
        self.fc2 = nn.Linear(hidden, hidden // 2)
        self.head = nn.Linear(hidden // 2, classes)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = torch.tanh(self.fc2(x))
        return self.head(x)
'''

CONV = '''

class ConvBlock{index}(nn.Module):
    def __init__(self, channels: int = {channels}, width: int = {width}):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, width, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(width, width, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        return self.pool(x)
'''

RESIDUAL = '''

class Residual{index}(nn.Module):
    def __init__(self, width: int = {hidden}):
        super().__init__()
        self.inner = nn.Sequential(nn.Linear(width, width), nn.ReLU(), nn.Linear(width, width))

    def forward(self, x):
        return F.relu(x + self.inner(x))
'''

FUNCTIONS = '''

def normalise_{index}(x, eps: float = {eps}):
    mean = torch.mean(x, dim=-1, keepdim=True)
    centred = x - mean
    scale = torch.sqrt(torch.mean(centred * centred, dim=-1, keepdim=True) + eps)
    return centred / scale


def scores_{index}(logits, temperature: float = {temperature}):
    probabilities = F.softmax(logits / temperature, dim=-1)
    return torch.sum(probabilities * torch.log(probabilities + 1e-9), dim=-1)


def blend_{index}(a, b, weight: float = {weight}):
    return torch.cat([a * weight, b * (1 - weight)], dim=1)
'''

KINDS = [("mlp", [MLP, FUNCTIONS]), ("conv", [CONV, FUNCTIONS]), ("residual", [RESIDUAL, MLP]),
         ("mixed", [MLP, CONV, RESIDUAL, FUNCTIONS])]


def source(index: int) -> str:
    kind, parts = KINDS[index % len(KINDS)]
    values = dict(index=index, kind=kind, features=64 + index % 7 * 32, hidden=128 + index % 5 * 64,
                  classes=2 + index % 9, channels=1 + index % 3 * 2, width=16 + index % 4 * 16,
                  eps=f"1e-{5 + index % 3}", temperature=1.0 + index % 4 / 2, weight=0.1 + index % 8 / 10)
    return HEADER.format(**values) + "".join(part.format(**values) for part in parts)


def main() -> None:
    out, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200
    for index in range(count):
        folder = os.path.join(out, "models", f"package{index % 10}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"model{index:03d}.torch.py"), "w", encoding="utf-8") as file:
            file.write(source(index))


if __name__ == "__main__":
    main()
