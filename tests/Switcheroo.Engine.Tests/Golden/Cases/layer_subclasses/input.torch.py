"""Classes deriving from torch layers whose entries name a runtime base: they convert to Linen
modules deriving from it, with torch's variables at their own level (their checkpoint keys are
torch's) and torch's attributes; those that cannot are reported and kept."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.ops import Conv2dNormActivation


class ChannelNorm(nn.LayerNorm):
    """Keeps torch's constructor; normalises over the channels of an NCHW input."""

    def forward(self, x):
        y = x.permute(0, 2, 3, 1)
        y = F.layer_norm(y, self.normalized_shape, self.weight, self.bias, self.eps)
        return y.permute(0, 3, 1, 2)


class PointwiseConv(nn.Conv2d):
    """Keeps torch's constructor and torch's forward."""


class TemporalConv(nn.Conv3d):
    """A constructor of its own giving torch's constructor fixed arguments."""

    def __init__(self, channels_in, channels_out, step=1):
        super().__init__(channels_in, channels_out, kernel_size=(3, 1, 1), stride=(step, 1, 1), padding=(1, 0, 0), bias=False)

    @staticmethod
    def frames_after(frames, step):
        return (frames - 1) // step + 1


class ScaledConv(nn.Conv1d):
    """Reads torch's attributes after the base call, and calls torch's forward."""

    def __init__(self, width, gain=2.0):
        super(ScaledConv, self).__init__(width, width, 5, padding=2, groups=width)
        self.gain = gain / self.kernel_size[0]

    def forward(self, x):
        return super().forward(x) * self.gain


class StridedConv(nn.Conv2d):
    """Reported: reads self.stride, which is its field here, while torch sets its own tuple."""

    def __init__(self, cin, cout, stride):
        super().__init__(cin, cout, 3, stride=stride)
        self.step = self.stride[0]


class OffsetConv(nn.Conv1d):
    """Reported: keeps torch's constructor and reads self.bias, torch's parameter, where the field bias holds the flag."""

    def forward(self, x):
        return super().forward(x) - self.bias.mean()


class ZeroNorm(nn.LayerNorm):
    """Reported: torch's constructor calls its reset_parameters, which the runtime's base does not."""

    def reset_parameters(self):
        nn.init.zeros_(self.weight)
        nn.init.zeros_(self.bias)


class Stem(Conv2dNormActivation):
    """A composite layer's subclass: its layers are torchvision's Sequential items (0, 1, 2)."""

    def __init__(self, width_in, width_out, activation_layer=nn.ReLU):
        super().__init__(width_in, width_out, kernel_size=3, stride=2, activation_layer=activation_layer)


class Encoder(nn.Module):
    def __init__(self, channels=8):
        super().__init__()
        self.stem = Stem(3, 3)
        self.conv = PointwiseConv(3, channels, 1)
        self.time = TemporalConv(channels, channels, step=2)
        self.norm = ChannelNorm(channels, eps=1e-6)

    def forward(self, x):
        y = self.conv(self.stem(x[:, :, 0]))
        y = self.norm(y)
        return y, self.time(x.repeat(1, 3, 1, 1, 1)[:, :8])
