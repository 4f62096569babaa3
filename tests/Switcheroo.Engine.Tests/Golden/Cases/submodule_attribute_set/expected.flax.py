"""An attribute set on a submodule after the constructor built it: a torch module is a plain
object, a Flax module is frozen once constructed, so the statement is kept and reported."""
import typing
import jax
import flax.linen as nn
import switcheroo_runtime


class Scaled(nn.Module):
    channels: typing.Any

    def setup(self):
        channels = self.channels
        self.proj = nn.Dense(
            features=channels,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels),
        )
        self.scale = 1.0

    def __call__(self, x):
        return self.proj(x) * self.scale


class Net(nn.Module):
    channels: int = 4
    block: typing.Any = Scaled
    train: bool = True

    def setup(self):
        channels = self.channels
        block = self.block
        self.first = Scaled(channels)
        # switcheroo: SWR3017 self.first.scale sets an attribute on the submodule self.first, but a Flax...
        self.first.scale = 0.5
        self.second = switcheroo_runtime.with_train(block, self.train)(channels)
        self.head = nn.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(channels),
        )

    def __call__(self, x):
        # switcheroo: SWR3017 self.second.last_input sets an attribute on the submodule self.second, but...
        self.second.last_input = x
        return self.head(jax.nn.relu(self.second(self.first(x))))
