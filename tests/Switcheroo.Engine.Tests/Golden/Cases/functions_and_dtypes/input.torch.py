"""A small model."""
import torch
import torch.nn.functional as F
from torch import Tensor


def head(x: Tensor, w):
    # project and normalise
    y = torch.matmul(x, w)
    y = F.gelu(y)
    z = torch.sum(y, dim=1, keepdim=True)
    return F.softmax(z.view(z.size(0), -1), dim=-1).to(torch.float32)


def count(items):
    return items.split(",")
