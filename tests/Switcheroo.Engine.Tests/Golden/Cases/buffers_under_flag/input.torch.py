"""A channel norm written the way torch's _NormBase is: affine parameters and running statistics each
made only when a constructor flag asks for them, None otherwise, and device/dtype passed through
factory_kwargs (less the dtype the step counter gives itself). The parameters convert; the buffers
registered under the flag are reported, naming the reads that would have to make the same test."""
import torch
import torch.nn as nn


class ChannelNorm(nn.Module):
    def __init__(self, channels, eps=1e-5, momentum=0.1, affine=True, track_stats=True, device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        self.channels = channels
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_stats = track_stats
        if self.affine:
            self.gain = nn.Parameter(torch.ones(channels, **factory_kwargs))
            self.offset = nn.Parameter(torch.zeros(channels, **factory_kwargs))
        else:
            self.register_parameter("gain", None)
            self.register_parameter("offset", None)
        if self.track_stats:
            self.register_buffer("mean_seen", torch.zeros(channels, **factory_kwargs))
            self.register_buffer("seen", torch.tensor(0, dtype=torch.long, **{k: v for k, v in factory_kwargs.items() if k != "dtype"}))
        else:
            self.register_buffer("mean_seen", None)
            self.register_buffer("seen", None)

    def forward(self, x):
        centred = x - x.mean(dim=(0, 2), keepdim=True)
        if self.track_stats:
            centred = centred + 0.0 * self.mean_seen[None, :, None]
        out = centred / torch.sqrt(centred.pow(2).mean(dim=(0, 2), keepdim=True) + self.eps)
        if self.affine:
            out = out * self.gain[None, :, None] + self.offset[None, :, None]
        return out
