# torch.nn.ConvTranspose2d in a user module: Flax's ConvTranspose (transpose_kernel=True) where it can
# stand for it, and with groups other than 1 (Flax's has no feature groups) the runtime's
# TorchConvTranspose, which keeps the same kernel layout (KeyMapper fills both alike) and computes torch's
# grouped transposed convolution; F.conv_transpose2d on torch's weight layout (in, out / groups, *k).
import torch
import torch.nn as nn
import torch.nn.functional as F


class Upsampler(nn.Module):
    def __init__(self, channels, groups=2):
        super().__init__()
        self.grouped = nn.ConvTranspose2d(channels, 2 * channels, 3, stride=2, padding=1, output_padding=1, groups=groups)
        self.halves = nn.ConvTranspose2d(2 * channels, channels, 2, stride=2, groups=2, bias=False, dilation=(1, 2))
        self.plain = nn.ConvTranspose2d(channels, channels, kernel_size=(2, 3), stride=(2, 1), padding=(0, 1),
                                        output_padding=(1, 0), groups=1)
        self.smooth = nn.Parameter(torch.ones(channels, 1, 3, 3) / 9.0)

    def forward(self, x):
        y = self.plain(torch.relu(self.halves(self.grouped(x))))
        return F.conv_transpose2d(y, self.smooth, None, 1, 1, 0, y.shape[1])
