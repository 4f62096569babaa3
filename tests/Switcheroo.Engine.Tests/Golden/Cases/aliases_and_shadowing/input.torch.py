import torch as t
from torch.nn import functional as F
import torch.nn.functional as G


def forward(x):
    return F.relu(G.silu(t.exp(x)))


def custom(F, x):
    # F is a parameter here: it shadows the import and is left alone
    return F.relu(x)


def local(x):
    t = x
    return t.exp()
