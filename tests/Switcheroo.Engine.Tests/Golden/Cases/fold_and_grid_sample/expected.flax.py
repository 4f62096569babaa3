"""Sliding blocks (unfold/fold) and grid sampling, as functions and as layers, on torch's NCHW layout."""
from typing import Optional

import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime

SWITCHEROO_EXAMPLES = {"PatchMixer": {"input_shape": [2, 3, 8, 8]}}


class PatchMixer(nn.Module):
    size: int = 8

    def setup(self):
        size = self.size
        self.patches = lambda x: switcheroo_runtime.unfold(x, 2, stride=2)
        self.back = lambda x: switcheroo_runtime.fold(x, size, 2, stride=2)
        self.overlap = lambda x: switcheroo_runtime.unfold(x, 3, padding=1)
        self.mix = nn.Dense(
            features=12,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(12),
        )

    def __call__(self, x):
        columns = self.patches(x)
        mixed = jnp.swapaxes(self.mix(jnp.swapaxes(columns, 1, 2)), 1, 2)
        smooth = switcheroo_runtime.fold(self.overlap(x), (8, 8), 3, padding=1) / 9.0
        blocks = switcheroo_runtime.unfold(x, (2, 4), dilation=(1, 2), padding=(0, 1), stride=2)
        again = switcheroo_runtime.fold(
            blocks, (8, 8), (2, 4), dilation=(1, 2), padding=(0, 1), stride=2
        )
        return self.back(mixed) + smooth + again


def warp(image: jax.Array, flow: jax.Array, mode: str = "bilinear", align: Optional[bool] = None):
    n, _, h, w = image.shape
    ys, xs = jnp.meshgrid(jnp.linspace(-1.0, 1.0, h), jnp.linspace(-1.0, 1.0, w), indexing="ij")
    base = jnp.stack((xs, ys), axis=-1)
    grid = base + jnp.transpose(flow, (0, 2, 3, 1))
    return switcheroo_runtime.grid_sample(image, grid, mode=mode, align_corners=align)


def resample(image, grid):
    border = switcheroo_runtime.grid_sample(
        image, grid, mode="nearest", padding_mode="border", align_corners=True
    )
    mirrored = switcheroo_runtime.grid_sample(
        image, grid, padding_mode="reflection", align_corners=False
    )
    smooth = switcheroo_runtime.grid_sample(image, grid, mode="bicubic", align_corners=True)
    return border + mirrored + smooth
