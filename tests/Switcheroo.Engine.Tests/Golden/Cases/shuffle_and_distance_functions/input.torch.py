"""Pixel and channel shuffles and the pairwise distances, as functions and as layers, on torch's NCHW layout."""
import torch
import torch.nn as nn
import torch.nn.functional as F

SWITCHEROO_EXAMPLES = {"Rearrange": {"input_shape": [2, 8, 4, 6]}}


class Rearrange(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 8, 1)
        self.up = nn.PixelShuffle(2)
        self.down = nn.PixelUnshuffle(2)

    def forward(self, x):
        x = self.conv(x)
        z = F.pixel_unshuffle(F.pixel_shuffle(x, 2), downscale_factor=2)
        return self.down(self.up(x)) + z


# torch 1.13 has no derivative for channel_shuffle, so verify (which takes gradients) leaves this one out
class Shuffled(nn.Module):
    def __init__(self):
        super().__init__()
        self.shuffle = nn.ChannelShuffle(4)

    def forward(self, x):
        return self.shuffle(torch.channel_shuffle(F.channel_shuffle(x, 2), groups=4))


class Distances(nn.Module):
    def __init__(self):
        super().__init__()
        self.dist = nn.PairwiseDistance(p=1.0, keepdim=True)
        self.cos = nn.CosineSimilarity(dim=-1, eps=1e-6)

    def forward(self, a, b):
        near = F.pairwise_distance(a, b) + torch.pairwise_distance(a, b, 3.0, 1e-4)
        angle = F.cosine_similarity(a, b, dim=-1) + torch.cosine_similarity(a, b)
        return near, angle, self.dist(a, b), self.cos(a, b)
