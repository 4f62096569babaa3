"""A pre-norm encoder block written the way torch's transformer.py writes its layers: device and dtype
gathered once in factory_kwargs and unpacked into every layer it builds, the activation given as a
name or a function and looked up in the constructor."""
import typing
import jax
import flax.linen as nn
import switcheroo_runtime


def _activation_named(name):
    if name == "relu":
        return jax.nn.relu
    if name == "gelu":
        return switcheroo_runtime.gelu
    raise ValueError(f"unknown activation {name}")


class PreNormBlock(nn.Module):
    width: typing.Any
    heads: typing.Any
    hidden: int = 64
    dropout: float = 0.0
    activation: str = "gelu"
    eps: float = 1e-6
    device: typing.Any = None
    dtype: typing.Any = None
    train: bool = True

    def setup(self):
        width = self.width
        heads = self.heads
        hidden = self.hidden
        dropout = self.dropout
        activation = self.activation
        eps = self.eps
        device = self.device
        dtype = self.dtype
        factory_kwargs = {"device": device, "dtype": dtype}
        self.attention = switcheroo_runtime.MultiheadAttention(
            embed_dim=width,
            num_heads=heads,
            dropout=dropout,
            bias=True,
            batch_first=True,
            param_dtype=dtype,
            deterministic=not self.train,
        )
        self.up = nn.Dense(
            features=hidden,
            param_dtype=dtype,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.down = nn.Dense(
            features=width,
            param_dtype=dtype,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(hidden),
        )
        self.before_attention = nn.LayerNorm(
            epsilon=eps,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            param_dtype=dtype,
            use_fast_variance=False,
        )
        self.before_mlp = nn.LayerNorm(
            epsilon=eps,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            param_dtype=dtype,
            use_fast_variance=False,
        )
        if isinstance(activation, str):
            activation = _activation_named(activation)
        self.activation_ = activation

    def __call__(self, tokens, padding=None):
        h = self.before_attention(tokens)
        attended, _ = self.attention(h, h, h, key_padding_mask=padding, need_weights=False)
        tokens = tokens + attended
        return tokens + self.down(self.activation_(self.up(self.before_mlp(tokens))))


class Stack(nn.Module):
    """Blocks of its own built with the same dict, and the final norm."""

    width: int = 16
    heads: int = 2
    depth: int = 2
    device: typing.Any = None
    dtype: typing.Any = None
    train: bool = True

    def setup(self):
        width = self.width
        heads = self.heads
        depth = self.depth
        device = self.device
        dtype = self.dtype
        factory_kwargs = {"device": device, "dtype": dtype}
        self.blocks = [
            PreNormBlock(
                width, heads, activation=jax.nn.relu, device=device, dtype=dtype, train=self.train
            ) for _ in range(depth)
        ]
        self.norm = nn.LayerNorm(
            epsilon=1e-5,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            param_dtype=dtype,
            use_fast_variance=False,
        )

    def __call__(self, tokens):
        for block in self.blocks:
            tokens = block(tokens)
        return self.norm(tokens)

