import typing
import jax
import flax.linen as nn


class MLP(nn.Module):
    """A two-layer perceptron."""

    in_features: int
    hidden: int = 128
    num_classes: int = 10
    act: typing.Any = lambda x: nn.gelu(x, approximate=False)

    def setup(self):
        hidden = self.hidden
        num_classes = self.num_classes
        self.fc1 = nn.Dense(features=hidden)
        self.fc2 = nn.Dense(features=num_classes, use_bias=False)
        self.blocks = [nn.Dense(features=hidden) for _ in range(2)]

    def __call__(self, x: jax.Array) -> jax.Array:
        x = self.act(self.fc1(x))
        for block in self.blocks:
            x = jax.nn.relu(block(x))
        return jax.nn.log_softmax(self.fc2(x), axis=-1)
