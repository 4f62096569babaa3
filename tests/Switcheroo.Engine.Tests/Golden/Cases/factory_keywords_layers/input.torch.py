"""A pre-norm encoder block written the way torch's transformer.py writes its layers: device and dtype
gathered once in factory_kwargs and unpacked into every layer it builds, the activation given as a
name or a function and looked up in the constructor."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def _activation_named(name):
    if name == "relu":
        return F.relu
    if name == "gelu":
        return F.gelu
    raise ValueError(f"unknown activation {name}")


class PreNormBlock(nn.Module):
    def __init__(self, width, heads, hidden=64, dropout=0.0, activation="gelu", eps=1e-6,
                 device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        self.attention = nn.MultiheadAttention(width, heads, dropout=dropout, batch_first=True, **factory_kwargs)
        self.up = nn.Linear(width, hidden, **factory_kwargs)
        self.down = nn.Linear(hidden, width, **factory_kwargs)
        self.before_attention = nn.LayerNorm(width, eps=eps, **factory_kwargs)
        self.before_mlp = nn.LayerNorm(width, eps=eps, **factory_kwargs)
        if isinstance(activation, str):
            activation = _activation_named(activation)
        self.activation = activation

    def forward(self, tokens, padding=None):
        h = self.before_attention(tokens)
        attended, _ = self.attention(h, h, h, key_padding_mask=padding, need_weights=False)
        tokens = tokens + attended
        return tokens + self.down(self.activation(self.up(self.before_mlp(tokens))))


class Stack(nn.Module):
    """Blocks of its own built with the same dict, and the final norm."""

    def __init__(self, width=16, heads=2, depth=2, device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        self.blocks = nn.ModuleList([PreNormBlock(width, heads, activation=F.relu, **factory_kwargs) for _ in range(depth)])
        self.norm = nn.LayerNorm(width, **factory_kwargs)

    def forward(self, tokens):
        for block in self.blocks:
            tokens = block(tokens)
        return self.norm(tokens)

