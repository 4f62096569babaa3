import typing
import jax
import flax.linen as nn
import switcheroo_runtime


class Encoder(nn.Module):
    width: typing.Any
    depth: int = 2

    def setup(self):
        width = self.width
        depth = self.depth
        self.stem = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.blocks = [
            nn.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            ) for _ in range(depth)
        ]

    def __call__(self, x):
        x = self.stem(x)
        for block in self.blocks:
            x = jax.nn.relu(block(x))
        return x


# No constructor: every field and layer is the base's.
class PlainEncoder(Encoder):
    def __call__(self, x):
        return super().__call__(x) * 2


# The base's arguments first, passed on unchanged; a new one with a default after them.
class HeadedEncoder(Encoder):
    classes: int = 10

    def setup(self):
        super().setup()
        width = self.width
        classes = self.classes
        self.head = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        return self.head(super().__call__(x))


# A base argument whose default changes.
class DeepEncoder(Encoder):
    depth: int = 4

    def setup(self):
        super().setup()
        width = self.width
        self.norm = nn.LayerNorm(
            epsilon=1e-5,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            use_fast_variance=False,
        )

    def __call__(self, x):
        return self.norm(Encoder.__call__(self, x))


# *args, **kwargs passed on: the base's arguments exactly.
class DroppingEncoder(Encoder):
    train: bool = True

    def setup(self):
        super().setup()
        self.drop = nn.Dropout(rate=0.1, deterministic=not self.train)

    def __call__(self, x):
        return self.drop(super().__call__(x))


# The child of a child that carries the train flag, with no arguments of its own.
class TwiceDroppingEncoder(DroppingEncoder):
    def __call__(self, x):
        return self.drop(super().__call__(x))


class Model(nn.Module):
    train: bool = True

    def setup(self):
        self.encoder = TwiceDroppingEncoder(8, depth=3, train=self.train)
        self.other = HeadedEncoder(8, 1, 5)

    def __call__(self, x):
        return self.other(self.encoder(x))
