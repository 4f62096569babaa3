"""Tensor facts: what calling a module of the file returns, the pieces of a split, batches of a DataLoader."""
from typing import List

import torch
import torch.nn as nn
from torch import Tensor
from torch.utils.data import DataLoader, Dataset, TensorDataset


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, c = x.shape
        # the pieces of a chunk are tensors
        q, k, v = torch.chunk(self.qkv(x), 3, dim=-1)
        q = q.reshape(b, n, self.heads, -1).transpose(1, 2)
        k = k.reshape(b, n, self.heads, -1).transpose(1, 2)
        v = v.reshape(b, n, self.heads, -1).transpose(1, 2)
        attn = (q @ k.transpose(-2, -1)).softmax(dim=-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(b, n, c))


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.attn = Attention(dim, 2)
        self.norm = nn.LayerNorm(dim)

    def forward(self, x):
        # self.attn(...) is what Attention.forward returns: a tensor
        return x + self.attn(self.norm(x)).relu()


class Detector(nn.Module):
    """Returns a tuple of a tensor and a dict: the result is no tensor, its first item is."""

    def __init__(self, dim):
        super().__init__()
        self.block = Block(dim)
        self.head = nn.Linear(dim, 4)

    def forward(self, x):
        h = self.block(x)
        return self.head(h), {"features": h}


def pieces(x: Tensor):
    # an annotated parameter is a tensor; split, unbind and their unpacking give tensors
    left, right = x.split(2, dim=1)
    rows = [t.sum() for t in x.unbind(0)]
    first, second = torch.unbind(x[:2], dim=0)
    halves = torch.split(x, [1, 3], dim=1)
    return left.mean(dim=1), right.mean(dim=1), rows, first.sum(), second.sum(), halves[0].sum()


def detect(model, x):
    result = model(x)
    scores = result[0].softmax(dim=-1)
    # an item of the dict is not known to be a tensor
    features = result[1]["features"].mean(dim=1)
    return scores, features


def train(data: TensorDataset):
    loader = DataLoader(data, batch_size=4)
    model = Detector(8)
    for images, labels in loader:
        # a DataLoader built here gives batches of arrays
        boxes, extra = model(images.reshape(images.size(0), 3, -1))
        print(boxes.sum(dim=-1), labels.size(0), detect(model, images))
        print(pieces(images.reshape(images.size(0), -1)))


class Pairs(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i: int):
        return torch.ones(4) * i, i


class Named(Dataset):
    def __getitem__(self, i: int):
        return {"image": torch.ones(4), "name": str(i)}


def stack_pairs(batch):
    return torch.stack([b[0] for b in batch]), torch.tensor([b[1] for b in batch])


def loaders(data):
    # the default collate over a dataset of the file: its samples, a tensor and an int, stacked
    for x, y in DataLoader(Pairs(), batch_size=4):
        print(x.mean(dim=0), y.sum())
    # a dict per sample gives a dict batch: not known to be tensors
    for batch in DataLoader(Named(), batch_size=2):
        print(batch["image"].mean(dim=0))
    # a collate function of the file: what it returns
    for x, y in DataLoader(Pairs(), batch_size=4, collate_fn=stack_pairs):
        print(x.sum(dim=1), y.size(0))
    # any other collate function: not known
    for x, y in DataLoader(data, batch_size=4, collate_fn=lambda b: b):
        print(x.sum(dim=1))


def grown(n: int):
    # an annotated assignment holds what its annotation declares, however the list grows
    parts: List[Tensor] = []
    for i in range(n):
        parts.append(torch.ones(2) * i)
    return [p.clamp(min=0.5) for p in parts]


def appended(n: int, names):
    # a list a name holds has the items appended to it: tensors here
    outs = []
    for i in range(n):
        outs.append(torch.ones(2) * i)
    first = [o.sum() for o in outs]
    # and here anything: not known to be tensors
    outs.append(names[0])
    return first, [o.sum() for o in outs]
