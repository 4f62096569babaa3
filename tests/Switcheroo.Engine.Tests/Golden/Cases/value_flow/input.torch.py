"""Which values are tensors, read where they stand: the value analysis at work."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class Pooling(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.proj = nn.Linear(width, width)

    def forward(self, h):
        h = self.proj(h)
        return self.summarise(h.transpose(-1, -2))

    def summarise(self, h):
        # only ever called as self.summarise(tensor): h is a tensor
        return h.mean(dim=-1)


def flatten(images):
    # every call passes a tensor
    return images.reshape(images.size(0), -1)


def centre(batch, scale):
    shift = 0
    if scale > 1:
        shift = batch.mean()
    # shift may still be the int 0 here
    return batch - shift, shift


def evaluate(model, loader):
    total = 0
    for i, (images, labels) in enumerate(loader):
        flat = flatten(images)
        out = model(flat.unsqueeze(1))
        total = total + out.sum(dim=1)
        first, rest = out.chunk(2, dim=0)
        centred, shift = centre(first, i + 2)
        stats = centred.std(dim=0), shift
        # stats[1] is the int 0 unless scale > 1: reported, not converted
        print(stats[0].sum(), stats[1].sum())
    return total


data = torch.utils.data.TensorDataset(torch.ones(8, 2, 4), torch.zeros(8))
loader = DataLoader(data, batch_size=4)
x = 3
x = torch.ones(2, 4, 4)
print(flatten(x).size(1))
print(evaluate(Pooling(8), loader))
