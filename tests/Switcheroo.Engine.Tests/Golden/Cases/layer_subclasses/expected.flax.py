"""Classes deriving from torch layers whose entries name a runtime base: they convert to Linen
modules deriving from it, with torch's variables at their own level (their checkpoint keys are
torch's) and torch's attributes; those that cannot are reported and kept."""
import typing
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class ChannelNorm(switcheroo_runtime.TorchLayerNorm):
    """Keeps torch's constructor; normalises over the channels of an NCHW input."""

    def __call__(self, x):
        y = jnp.transpose(x, (0, 2, 3, 1))
        y = switcheroo_runtime.layer_norm(
            y, self.normalized_shape, weight=self.weight, bias=self.bias, eps=self.eps
        )
        return jnp.transpose(y, (0, 3, 1, 2))


class PointwiseConv(switcheroo_runtime.TorchConv2d):
    """Keeps torch's constructor and torch's forward."""


class TemporalConv(switcheroo_runtime.Conv3dBase):
    """A constructor of its own giving torch's constructor fixed arguments."""

    channels_in: typing.Any
    channels_out: typing.Any
    step: int = 1

    def setup(self):
        channels_in = self.channels_in
        channels_out = self.channels_out
        step = self.step
        super().torch_layer(
            channels_in,
            channels_out,
            kernel_size=(3, 1, 1),
            stride=(step, 1, 1),
            padding=(1, 0, 0),
            bias=False,
        )

    @staticmethod
    def frames_after(frames, step):
        return (frames - 1) // step + 1


class ScaledConv(switcheroo_runtime.Conv1dBase):
    """Reads torch's attributes after the base call, and calls torch's forward."""

    width: typing.Any
    gain: float = 2.0

    def setup(self):
        width = self.width
        gain = self.gain
        super(ScaledConv, self).torch_layer(width, width, 5, padding=2, groups=width)
        self.gain_ = gain / self.kernel_size[0]

    def __call__(self, x):
        return super().__call__(x) * self.gain_


# switcheroo: SWR3006 class StridedConv derives from torch.nn.Conv2d, and it reads self.stride...
class StridedConv(nn.Conv2d):
    """Reported: reads self.stride, which is its field here, while torch sets its own tuple."""

    def __init__(self, cin, cout, stride):
        super().__init__(cin, cout, 3, stride=stride)
        self.step = self.stride[0]


# switcheroo: SWR3006 class OffsetConv derives from torch.nn.Conv1d, and it reads self.bias...
class OffsetConv(nn.Conv1d):
    """Reported: keeps torch's constructor and reads self.bias, torch's parameter, where the field bias holds the flag."""

    def forward(self, x):
        return super().forward(x) - self.bias.mean()


# switcheroo: SWR3006 class ZeroNorm derives from torch.nn.LayerNorm, and it defines...
class ZeroNorm(nn.LayerNorm):
    """Reported: torch's constructor calls its reset_parameters, which the runtime's base does not."""

    def reset_parameters(self):
        nn.init.zeros_(self.weight)
        nn.init.zeros_(self.bias)


class Stem(switcheroo_runtime.ConvNormActivation2dBase):
    """A composite layer's subclass: its layers are torchvision's Sequential items (0, 1, 2)."""

    width_in: typing.Any
    width_out: typing.Any
    activation_layer: typing.Any = switcheroo_runtime.activation_layer(linen.relu)
    train: bool = True

    def setup(self):
        width_in = self.width_in
        width_out = self.width_out
        activation_layer = self.activation_layer
        super().torch_layer(
            width_in, width_out, kernel_size=3, stride=2, activation_layer=activation_layer
        )


class Encoder(linen.Module):
    channels: int = 8
    train: bool = True

    def setup(self):
        channels = self.channels
        self.stem = Stem(3, 3, train=self.train)
        self.conv = PointwiseConv(3, channels, 1)
        self.time = TemporalConv(channels, channels, step=2)
        self.norm = ChannelNorm(channels, eps=1e-6)

    def __call__(self, x):
        y = self.conv(self.stem(x[:, :, 0]))
        y = self.norm(y)
        return y, self.time(jnp.tile(x, (1, 3, 1, 1, 1))[:, :8])
