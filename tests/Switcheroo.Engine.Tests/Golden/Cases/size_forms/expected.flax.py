# Size, padding and axes forms, decided from the parse tree where the value's kind is known
# (a literal, an int-annotated parameter, an int constant), by a runtime helper otherwise.
import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime

KERNEL = 3


class Forms(nn.Module):
    channels: int
    k: int
    d: int
    stride: int = 1
    size: int = 3
    padding: int = 1
    shape: typing.Any = (8,)
    train: bool = True

    def setup(self):
        # Conv: kernel sizes become tuples; Flax takes int strides, dilation and padding as torch does
        channels = self.channels
        k = self.k
        d = self.d
        stride = self.stride
        size = self.size
        padding = self.padding
        shape = self.shape
        self.literal = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
            )
        )
        self.grouped = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(k, k),
                strides=stride,
                padding=(k - 1) * (d),
                kernel_dilation=d,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (k, k)),
            )
        )
        self.halved = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(KERNEL, KERNEL),
                padding=k // 2,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (KERNEL, KERNEL)),
            )
        )
        self.pair = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(3, 5),
                padding="same",
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 5)),
            )
        )
        self.valid = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=switcheroo_runtime.size_tuple(size, 2),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(
                    channels, switcheroo_runtime.size_tuple(size, 2)
                ),
            )
        )
        self.line = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(3,),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (3,)),
            )
        )
        # pooling: (low, high) pairs; no padding is Flax's default and is left out
        self.pool = lambda x: jnp.moveaxis(
            nn.max_pool(jnp.moveaxis(x, 1, -1), (2, 2), strides=(2, 2)), -1, 1
        )
        self.padded = lambda x: jnp.moveaxis(
            nn.max_pool(jnp.moveaxis(x, 1, -1), (3, 3), strides=(2, 2), padding=((1, 1), (1, 1))),
            -1,
            1,
        )
        self.uneven = lambda x: jnp.moveaxis(
            nn.avg_pool(jnp.moveaxis(x, 1, -1), (3, 3), strides=(1, 1), padding=((1, 1), (0, 0))),
            -1,
            1,
        )
        self.computed = lambda x: jnp.moveaxis(
            nn.max_pool(
                jnp.moveaxis(x, 1, -1),
                (k, k),
                strides=(1, 1),
                padding=(((k - 1) // 2, (k - 1) // 2), ((k - 1) // 2, (k - 1) // 2)),
            ),
            -1,
            1,
        )
        self.unknown = lambda x: jnp.moveaxis(
            nn.max_pool(
                jnp.moveaxis(x, 1, -1),
                switcheroo_runtime.size_tuple(size, 2),
                strides=switcheroo_runtime.size_tuple(size, 2),
                padding=switcheroo_runtime.padding_pairs(padding, 2),
            ),
            -1,
            1,
        )
        # LayerNorm: one axis is Flax's default; a tuple gives its trailing axes
        self.norm = nn.LayerNorm(epsilon=1e-5, use_fast_variance=False)
        self.norm2 = nn.LayerNorm(
            epsilon=1e-5,
            reduction_axes=(-2, -1),
            feature_axes=(-2, -1),
            use_bias=False,
            use_scale=False,
            use_fast_variance=False,
        )
        self.norm_unknown = nn.LayerNorm(
            epsilon=1e-6,
            reduction_axes=switcheroo_runtime.trailing_axes(shape),
            feature_axes=switcheroo_runtime.trailing_axes(shape),
            use_fast_variance=False,
        )

    def __call__(self, x):
        x = self.pool(self.literal(x))
        flat = jnp.reshape(x, x.shape[:1] + (-1,))
        pooled = switcheroo_runtime.flatten(self.pool(x), 1)
        left, right = switcheroo_runtime.split(x, 2, axis=1)
        first, second = switcheroo_runtime.chunk(flat, 2)
        # a value written twice by the template is a name here; a computed one goes to a helper
        noise = switcheroo_runtime.normal_like(self.make_rng("noise"), self.pool(x))
        jitter = jax.random.uniform(
            self.make_rng("noise"), x.shape, x.dtype
        ) + switcheroo_runtime.uniform_like(self.make_rng("noise"), x * 2)
        mask = switcheroo_runtime.bernoulli(
            self.make_rng("noise"), jax.nn.sigmoid(x)
        ) * jnp.asarray(jax.random.bernoulli(self.make_rng("noise"), jitter), dtype=jitter.dtype)
        wide = switcheroo_runtime.expand(x, (2, -1, -1, -1))
        tokens = switcheroo_runtime.expand(self.pool(x)[:1], (x.shape[0], -1, -1, -1))
        return switcheroo_runtime.dropout(
            self, flat + pooled, p=0.2, train=self.train
        ), left, right, first, second, noise, mask, wide, tokens
