"""Settings of a layer read as attributes: the converted layer's fields (a LayerNorm's eps is Flax's
epsilon; MultiheadAttention's num_heads, embed_dim and batch_first are the runtime layer's own);
other attributes are reported."""
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Attend(nn.Module):
    width: int = 8
    heads: int = 2
    eps: float = 1e-6
    train: bool = True

    def setup(self):
        width = self.width
        heads = self.heads
        eps = self.eps
        self.norm = nn.LayerNorm(
            epsilon=eps,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            use_fast_variance=False,
        )
        self.other_norm = nn.LayerNorm(
            epsilon=eps,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            use_fast_variance=False,
        )
        self.attention = switcheroo_runtime.MultiheadAttention(
            embed_dim=width,
            num_heads=heads,
            dropout=0.0,
            bias=True,
            batch_first=True,
            deterministic=not self.train,
        )

    def __call__(self, x):
        if not self.attention.batch_first:
            x = jnp.swapaxes(x, 0, 1)
        if self.norm.epsilon != self.other_norm.epsilon:
            raise ValueError("the two norms differ")
        # switcheroo: SWR3001 torch.nn.LayerNorm.normalized_shape has no mapping: a Flax layer holds no...
        if self.norm.normalized_shape[0] != x.shape[-1]:
            raise ValueError("the tokens are not the norm's width")
        head_width = self.attention.embed_dim // self.attention.num_heads
        h = self.norm(x)
        out, _ = self.attention(h, h, h, need_weights=False)
        return out * head_width ** -0.5
