import typing
import jax
import flax.linen as nn
import switcheroo_runtime


class MLP(nn.Module):
    """A two-layer perceptron."""

    in_features: int
    hidden: int = 128
    num_classes: int = 10
    act: typing.Any = lambda x: nn.gelu(x, approximate=False)

    def setup(self):
        in_features = self.in_features
        hidden = self.hidden
        num_classes = self.num_classes
        self.fc1 = nn.Dense(
            features=hidden,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(in_features),
        )
        self.fc2 = nn.Dense(
            features=num_classes,
            use_bias=False,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(hidden),
        )
        self.blocks = [
            nn.Dense(
                features=hidden,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(hidden),
            ) for _ in range(2)
        ]

    def __call__(self, x: jax.Array) -> jax.Array:
        x = self.act(self.fc1(x))
        for block in self.blocks:
            x = jax.nn.relu(block(x))
        return jax.nn.log_softmax(self.fc2(x), axis=-1)
