"""Settings of a layer read as attributes: the converted layer's fields (a LayerNorm's eps is Flax's
epsilon; MultiheadAttention's num_heads, embed_dim and batch_first are the runtime layer's own);
other attributes are reported."""
import torch
import torch.nn as nn


class Attend(nn.Module):
    def __init__(self, width=8, heads=2, eps=1e-6):
        super().__init__()
        self.norm = nn.LayerNorm(width, eps=eps)
        self.other_norm = nn.LayerNorm(width, eps=eps)
        self.attention = nn.MultiheadAttention(width, heads, batch_first=True)

    def forward(self, x):
        if not self.attention.batch_first:
            x = x.transpose(0, 1)
        if self.norm.eps != self.other_norm.eps:
            raise ValueError("the two norms differ")
        if self.norm.normalized_shape[0] != x.shape[-1]:
            raise ValueError("the tokens are not the norm's width")
        head_width = self.attention.embed_dim // self.attention.num_heads
        h = self.norm(x)
        out, _ = self.attention(h, h, h, need_weights=False)
        return out * head_width ** -0.5
