"""Classes and blocks whose statements all go in the conversion."""
import torch
import torch.nn as nn


class Identity(nn.Module):
    def __init__(self):
        super().__init__()
scale = 1


class Holder(nn.Module):
    """Keeps a width for later."""

    def __init__(self, width):
        super(Holder, self).__init__()
        self.width = width  # copied by the dataclass field
        # more to come


class Shift(nn.Module):
    def __init__(self, by=2):
        nn.Module.__init__(self)
        self.by = by

    def forward(self, x):
        return x + self.by


class Empty(nn.Module):
    def __init__(self):
        super().__init__()

    # forward comes from a mixin


def place(model, batch: torch.Tensor, use_gpu: bool):
    device = torch.device("cuda")
    if use_gpu:
        model.cuda()
        batch = batch.to(device)  # move the batch
    else:
        model.cpu()
    return model(batch)


def clear(optimizer):
    optimizer.zero_grad()
    optimizer.zero_grad()
