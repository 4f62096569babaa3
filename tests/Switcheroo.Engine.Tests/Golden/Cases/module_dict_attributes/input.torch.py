"""An nn.ModuleDict read by attribute: Flax freezes the dict, so its entries are read by key."""
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self, vocab: int, width: int):
        super().__init__()
        self.parts = nn.ModuleDict(dict(
            embed=nn.Embedding(vocab, width),
            norm=nn.LayerNorm(width),
        ))
        self.heads = nn.ModuleDict({
            "score": nn.Linear(width, 1),
            'gate': nn.Sequential(nn.Linear(width, width), nn.Sigmoid()),
        })

    def forward(self, tokens):
        h = self.parts.norm(self.parts.embed(tokens))
        h = h * self.heads.gate(h)
        names = list(self.heads.keys())
        return self.heads.score(h), self.heads["score"](h), len(names)


model = Encoder(100, 16)
