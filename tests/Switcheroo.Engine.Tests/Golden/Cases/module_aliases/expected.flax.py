import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Block(nn.Module):
    channels: int
    train: bool = True

    def setup(self):
        channels = self.channels
        self.conv = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
            )
        )
        self.norm = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.scale = self.param("scale", lambda key: jnp.ones((1,)))

    def __call__(self, x):
        return self.norm(self.conv(x)) * self.scale
