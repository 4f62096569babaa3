"""A channel norm written the way torch's _NormBase is: affine parameters and running statistics each
made only when a constructor flag asks for them, None otherwise, and device/dtype passed through
factory_kwargs (less the dtype the step counter gives itself). The parameters convert; the buffers
registered under the flag are reported, naming the reads that would have to make the same test."""
import typing
import jax.numpy as jnp
import flax.linen as nn


class ChannelNorm(nn.Module):
    channels: typing.Any
    eps: float = 1e-5
    momentum: float = 0.1
    affine: bool = True
    track_stats: bool = True
    device: typing.Any = None
    dtype: typing.Any = None

    def setup(self):
        channels = self.channels
        device = self.device
        dtype = self.dtype
        factory_kwargs = {"device": device, "dtype": dtype}
        if self.affine:
            self.gain = self.param("gain", lambda key: jnp.ones(channels, dtype=dtype))
            self.offset = self.param("offset", lambda key: jnp.zeros(channels, dtype=dtype))
        else:
            self.gain = None
            self.offset = None
        if self.track_stats:
            # switcheroo: SWR3002 torch.nn.Module.register_buffer is not converted under a condition of the...
            self.register_buffer("mean_seen", jnp.zeros(channels, dtype=dtype))
            # switcheroo: SWR3002 torch.nn.Module.register_buffer is not converted under a condition of the...
            self.register_buffer("seen", jnp.asarray(0, dtype=jnp.int64))
        else:
            # switcheroo: SWR3002 torch.nn.Module.register_buffer is not converted under a condition of the...
            self.register_buffer("mean_seen", None)
            # switcheroo: SWR3002 torch.nn.Module.register_buffer is not converted under a condition of the...
            self.register_buffer("seen", None)

    def __call__(self, x):
        centred = x - jnp.mean(x, axis=(0, 2), keepdims=True)
        if self.track_stats:
            centred = centred + 0.0 * self.mean_seen[None, :, None]
        out = centred / jnp.sqrt(
            jnp.mean(jnp.power(centred, 2), axis=(0, 2), keepdims=True) + self.eps
        )
        if self.affine:
            out = out * self.gain[None, :, None] + self.offset[None, :, None]
        return out
