"""Functions, tensor methods and layers that real models use beyond the basics."""
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime

SWITCHEROO_EXAMPLES = {"Stem": {"input_shape": [2, 16, 5, 7]}}


class Stem(nn.Module):
    channels: int = 16

    def setup(self):
        self.conv_norm = nn.InstanceNorm(
            epsilon=1e-05, use_bias=True, use_scale=True, feature_axes=1, use_fast_variance=False
        )
        self.plain_norm = nn.InstanceNorm(
            epsilon=1e-05, use_bias=False, use_scale=False, feature_axes=1, use_fast_variance=False
        )
        self.act = nn.relu6
        self.gate = nn.hard_sigmoid
        self.swish = nn.hard_swish
        self.bounded = lambda x: jnp.clip(x, -3.0, 3.0)
        self.selu = nn.selu

    def __call__(self, x):
        switcheroo_runtime.torch_assert(x.ndim == 4, "expected a batch of images")
        y = self.act(self.conv_norm(x))
        y = y * self.gate(y) + self.swish(x)
        seq = self.plain_norm(jnp.reshape(y, y.shape[:2] + (-1,)))
        return self.bounded(self.selu(y)), seq


def similarity(features, weight, bias):
    unit = switcheroo_runtime.normalize(features, p=2.0, dim=1)
    scores = jnp.clip(jnp.matmul(unit, jnp.transpose(unit)), min=0.0, max=1.0)
    projected = switcheroo_runtime.linear(features, weight, bias=bias)
    lengths = switcheroo_runtime.norm(projected, dim=-1, keepdim=True)
    top_values, top_indices = jax.lax.top_k(scores, 5, axis=1)
    return jnp.log1p(scores), lengths, top_values, top_indices


def layout(x: jax.Array, offsets):
    grid_y, grid_x = jnp.meshgrid(jnp.arange(4), jnp.arange(6), indexing='ij')
    shifted = jnp.roll(x, 1, axis=-1)
    picked = jnp.take(shifted, offsets, axis=1)
    total = picked.size + grid_y.size
    normed = switcheroo_runtime.layer_norm(picked, picked.shape[-1:], eps=1e-6)
    return jnp.cumsum(jnp.multiply(jnp.power(normed, 2), 0.5), axis=-1), jnp.diag(
        jnp.asarray(grid_x[0], dtype=jnp.float32)
    ), total, x
