# torch.nn.ConvTranspose2d in a user module: Flax's ConvTranspose (transpose_kernel=True) where it can
# stand for it, and with groups other than 1 (Flax's has no feature groups) the runtime's
# TorchConvTranspose, which keeps the same kernel layout (KeyMapper fills both alike) and computes torch's
# grouped transposed convolution; F.conv_transpose2d on torch's weight layout (in, out / groups, *k).
import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Upsampler(nn.Module):
    channels: typing.Any
    groups: int = 2

    def setup(self):
        channels = self.channels
        groups = self.groups
        self.grouped = switcheroo_runtime.TorchConvTranspose(
            features=2 * channels,
            kernel_size=(3, 3),
            strides=(2, 2),
            padding=(1, 1),
            output_padding=(1, 1),
            kernel_dilation=(1, 1),
            feature_group_count=groups,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(2 * channels, (3, 3), groups),
        )
        self.halves = switcheroo_runtime.TorchConvTranspose(
            features=channels,
            kernel_size=(2, 2),
            strides=(2, 2),
            padding=(0, 0),
            output_padding=(0, 0),
            kernel_dilation=(1, 2),
            feature_group_count=2,
            use_bias=False,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels, (2, 2), 2),
        )
        self.plain = switcheroo_runtime.TorchConvTranspose(
            features=channels,
            kernel_size=(2, 3),
            strides=(2, 1),
            padding=(0, 1),
            output_padding=(1, 0),
            kernel_dilation=(1, 1),
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels, (2, 3)),
        )
        self.smooth = self.param("smooth", lambda key: jnp.ones((channels, 1, 3, 3)) / 9.0)

    def __call__(self, x):
        y = self.plain(jax.nn.relu(self.halves(self.grouped(x))))
        return switcheroo_runtime.conv_transpose2d(
            y, self.smooth, bias=None, stride=1, padding=1, output_padding=0, groups=y.shape[1]
        )
