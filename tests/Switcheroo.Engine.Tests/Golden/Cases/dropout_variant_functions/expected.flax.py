"""Channel and alpha dropout as functions: torch's defaults (training=True for dropout1d/2d/3d,
False for the alpha variants) and the module's train flag."""
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime

SWITCHEROO_EXAMPLES = {"Noisy": {"input_shape": [2, 4, 6, 6]}}


class Noisy(nn.Module):
    p: float = 0.2
    train: bool = True

    def setup(self):
        self.conv = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=4,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(4, (3, 3)),
            )
        )

    def __call__(self, x):
        y = switcheroo_runtime.feature_dropout(self, self.conv(x), p=self.p, train=self.train)
        y = jnp.squeeze(
            switcheroo_runtime.feature_dropout(
                self, jnp.expand_dims(y, 2), p=0.1, train=self.train, spatial=3
            ),
            2,
        )
        line = switcheroo_runtime.feature_dropout(
            self, jnp.reshape(y, y.shape[:2] + (-1,)), p=0.1, train=self.train, spatial=1
        )
        selu = switcheroo_runtime.alpha_dropout(self, jax.nn.selu(y), p=0.05, train=self.train)
        mixed = switcheroo_runtime.alpha_dropout(self, selu, p=0.05, train=self.train, feature=True)
        return mixed + jnp.reshape(line, y.shape)
