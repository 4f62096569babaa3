import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class SignalNet(nn.Module):
    """1-D and 3-D pooling, and adaptive pooling to sizes that need not divide the input."""

    def setup(self):
        self.pool1 = lambda x: jnp.moveaxis(
            nn.max_pool(jnp.moveaxis(x, 1, -1), (3,), strides=(2,), padding=((1, 1),)), -1, 1
        )
        self.avg1 = lambda x: jnp.moveaxis(
            nn.avg_pool(jnp.moveaxis(x, 1, -1), (2,), strides=(2,)), -1, 1
        )
        self.pool3 = lambda x: jnp.moveaxis(
            nn.max_pool(jnp.moveaxis(x, 1, -1), (2, 2, 2), strides=(2, 2, 2)), -1, 1
        )
        self.avg3 = lambda x: jnp.moveaxis(
            nn.avg_pool(
                jnp.moveaxis(x, 1, -1), (1, 2, 2), strides=(1, 2, 2), count_include_pad=False
            ),
            -1,
            1,
        )
        self.squeeze = lambda x: switcheroo_runtime.adaptive_avg_pool(x, (7, 7))
        self.peak = lambda x: switcheroo_runtime.adaptive_max_pool(x, (3, None))

    def __call__(self, wave, volume, image):
        w = self.avg1(self.pool1(wave))
        v = self.avg3(self.pool3(volume))
        i = self.peak(self.squeeze(image))
        summary = switcheroo_runtime.adaptive_avg_pool(w, 5, spatial=1)
        return summary, v, i


def quantise(x, steps):
    # round half to even in both libraries; repeat each step's level
    levels = jnp.round(x * steps) / steps
    return jnp.repeat(levels, 2, axis=-1), jnp.diff(levels, axis=-1)
