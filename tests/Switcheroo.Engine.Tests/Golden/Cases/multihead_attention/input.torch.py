import torch
import torch.nn as nn


class EncoderBlock(nn.Module):
    """Pre-norm self-attention on batch-first tokens, the weights not needed."""

    def __init__(self, width=16, heads=4, attention_dropout=0.1):
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.attention = nn.MultiheadAttention(width, heads, dropout=attention_dropout, batch_first=True)
        self.mlp = nn.Sequential(nn.Linear(width, 2 * width), nn.GELU(), nn.Linear(2 * width, width))

    def forward(self, tokens, padding):
        h = self.norm(tokens)
        attended, _ = self.attention(h, h, h, key_padding_mask=padding, need_weights=False)
        tokens = tokens + attended
        return tokens + self.mlp(tokens)


class Decoder(nn.Module):
    """Sequence-first cross-attention whose averaged weights are returned, without biases."""

    def __init__(self, width=8):
        super().__init__()
        self.cross = nn.MultiheadAttention(width, 2, bias=False)

    def forward(self, queries, memory, mask):
        out, weights = self.cross(queries, memory, memory, attn_mask=mask)
        return out, weights


class Unsupported(nn.Module):
    """Other key and value sizes: reported."""

    def __init__(self):
        super().__init__()
        self.attention = nn.MultiheadAttention(8, 2, kdim=4, vdim=4)

    def forward(self, q, k, v):
        return self.attention(q, k, v)[0]
