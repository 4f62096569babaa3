import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
import torch.nn.functional as F


class Blocks(nn.Module):
    """Pooling and activations as functions, with torch's arguments as literals and as attributes."""

    channels: int
    dilation: int = 2
    slope_low: float = 0.1
    approximate: str = "tanh"
    train: bool = True

    def setup(self):
        channels = self.channels
        self.alpha = self.param("alpha", lambda key: jnp.full((channels,), 0.2))
        self.gain = self.param("gain", lambda key: jnp.ones(channels))
        self.shift = self.param("shift", lambda key: jnp.zeros(channels))

    def __call__(self, x, tokens, table):
        a = jnp.moveaxis(
            nn.max_pool(
                jnp.moveaxis(jnp.mean(x, axis=3), 1, -1), (3,), strides=(2,), padding=((1, 1),)
            ),
            -1,
            1,
        )
        b = switcheroo_runtime.max_pool(x, 3, 1, 1, dilation=self.dilation)
        c, where = switcheroo_runtime.max_pool(
            jnp.expand_dims(x, 2), (1, 2, 2), (1, 2, 2), 0, return_indices=True, spatial=3
        )
        d = jnp.moveaxis(nn.avg_pool(jnp.moveaxis(jnp.sum(x, axis=2), 1, -1), (2,), strides=(2,)), -1, 1) + jnp.mean(switcheroo_runtime.avg_pool(x, 3, 2, padding=1, ceil_mode=True, count_include_pad=False))
        e = switcheroo_runtime.avg_pool(
            jnp.expand_dims(x, 2), (1, 3, 3), 1, padding=(0, 1, 1), divisor_override=4, spatial=3
        )
        f = switcheroo_runtime.lp_pool(x, 2.0, 2) + jnp.sum(
            switcheroo_runtime.lp_pool(
                jnp.reshape(x, x.shape[:2] + (-1,)), 3.0, 4, stride=2, spatial=1
            )
        )
        g = switcheroo_runtime.adaptive_max_pool(jnp.reshape(x, x.shape[:2] + (-1,)), 5, spatial=1) + jnp.sum(switcheroo_runtime.adaptive_max_pool(jnp.expand_dims(x, 2), (1, 2, 2), spatial=3))
        h = jax.nn.celu(x, alpha=0.5) + jnp.sum(jax.nn.glu(x, axis=1)) + switcheroo_runtime.hardshrink(x, lambd=0.3) + switcheroo_runtime.softshrink(x) + switcheroo_runtime.tanhshrink(x)
        i = switcheroo_runtime.threshold(x, 0.1, -1.0) + switcheroo_runtime.softplus(
            x, beta=2, threshold=10
        ) + jax.nn.softplus(x)
        j = switcheroo_runtime.gelu(x, self.approximate) + jax.nn.gelu(
            x, approximate=False
        ) + switcheroo_runtime.prelu(x, self.alpha)
        k = jax.nn.leaky_relu(
            x, negative_slope=(self.slope_low + 0.4) / 2
        ) + switcheroo_runtime.rrelu(self, x, 1.0 / 8, 1.0 / 3, self.train)
        m = jax.nn.softmax(-x, axis=1) + switcheroo_runtime.softmax_implicit(
            -x
        ) + switcheroo_runtime.log_softmax(x, -1)
        n = switcheroo_runtime.group_norm(
            x, 2, weight=self.gain, bias=self.shift, eps=1e-3
        ) + switcheroo_runtime.local_response_norm(x, 3, k=2.0)
        # switcheroo: SWR3003 torch.nn.functional.embedding(...) not converted: the value of 'max_norm'...
        o = switcheroo_runtime.embedding(tokens, table, padding_idx=0) + F.embedding(
            tokens, table, max_norm=1.0
        )
        peaks, at = switcheroo_runtime.adaptive_max_pool(x, 3, return_indices=True)
        q = switcheroo_runtime.max_unpool(peaks, at, 2, output_size=x.shape)
        row, places = switcheroo_runtime.max_pool(
            jnp.reshape(x, x.shape[:2] + (-1,)), 4, 4, 0, return_indices=True, spatial=1
        )
        r = switcheroo_runtime.max_unpool(row, places, 4, spatial=1)
        return a, b, c, where, d, e, f, g, h, i, j, k, m, n, o, q, r
