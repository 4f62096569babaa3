import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class EncoderBlock(linen.Module):
    """Pre-norm self-attention on batch-first tokens, the weights not needed."""

    width: int = 16
    heads: int = 4
    attention_dropout: float = 0.1
    train: bool = True

    def setup(self):
        width = self.width
        heads = self.heads
        attention_dropout = self.attention_dropout
        self.norm = linen.LayerNorm(
            epsilon=1e-5,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            use_fast_variance=False,
        )
        self.attention = switcheroo_runtime.MultiheadAttention(
            embed_dim=width,
            num_heads=heads,
            dropout=attention_dropout,
            bias=True,
            batch_first=True,
            deterministic=not self.train,
        )
        self.mlp = linen.Sequential(
            [
                linen.Dense(
                    features=2 * width,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(width),
                ),
                lambda x: linen.gelu(x, approximate=False),
                linen.Dense(
                    features=width,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(2 * width),
                ),
            ]
        )

    def __call__(self, tokens, padding):
        h = self.norm(tokens)
        attended, _ = self.attention(h, h, h, key_padding_mask=padding, need_weights=False)
        tokens = tokens + attended
        return tokens + self.mlp(tokens)


class Decoder(linen.Module):
    """Sequence-first cross-attention whose averaged weights are returned, without biases."""

    width: int = 8
    train: bool = True

    def setup(self):
        width = self.width
        self.cross = switcheroo_runtime.MultiheadAttention(
            embed_dim=width,
            num_heads=2,
            dropout=0.0,
            bias=False,
            batch_first=False,
            deterministic=not self.train,
        )

    def __call__(self, queries, memory, mask):
        out, weights = self.cross(queries, memory, memory, attn_mask=mask)
        return out, weights


class Unsupported(linen.Module):
    """Other key and value sizes: reported."""

    train: bool = True

    def setup(self):
        # switcheroo: SWR3003 torch.nn.MultiheadAttention(...) not converted: the value of 'kdim' (4) has...
        self.attention = nn.MultiheadAttention(8, 2, kdim=4, vdim=4)

    def __call__(self, q, k, v):
        return self.attention(q, k, v)[0]
