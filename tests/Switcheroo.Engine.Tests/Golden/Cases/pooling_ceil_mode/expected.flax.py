import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Stem(nn.Module):
    def setup(self):
        self.pool = lambda x: jnp.moveaxis(
            nn.max_pool(
                jnp.moveaxis(switcheroo_runtime.ceil_mode_input(x, 3, 2, 0, True), 1, -1),
                (3, 3),
                strides=(2, 2),
            ),
            -1,
            1,
        )
        self.plain = lambda x: jnp.moveaxis(
            nn.max_pool(jnp.moveaxis(x, 1, -1), (2, 2), strides=(2, 2)), -1, 1
        )
        self.padded = lambda x: jnp.moveaxis(
            nn.max_pool(jnp.moveaxis(x, 1, -1), (3, 3), strides=(2, 2), padding=((1, 1), (1, 1))),
            -1,
            1,
        )
        self.explicit = lambda x: jnp.moveaxis(
            nn.max_pool(jnp.moveaxis(x, 1, -1), (3, 3), strides=(2, 2)), -1, 1
        )

    def __call__(self, x):
        y = self.padded(self.plain(self.pool(x)))
        return jnp.moveaxis(
            nn.max_pool(
                jnp.moveaxis(
                    switcheroo_runtime.ceil_mode_input(self.explicit(y), 2, 2, 0, True), 1, -1
                ),
                (2, 2),
                strides=(2, 2),
            ),
            -1,
            1,
        )
