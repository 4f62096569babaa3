import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class SmallCNN(nn.Module):
    channels: int = 3
    classes: int = 10

    def setup(self):
        channels = self.channels
        classes = self.classes
        self.features = nn.Sequential([
            switcheroo_runtime.ChannelsFirst(
                nn.Conv(
                    features=16,
                    kernel_size=(3, 3),
                    padding=1,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
                )
            ),
            nn.relu,
            lambda x: jnp.moveaxis(
                nn.max_pool(jnp.moveaxis(x, 1, -1), (2, 2), strides=(2, 2)), -1, 1
            ),
            switcheroo_runtime.ChannelsFirst(
                nn.Conv(
                    features=32,
                    kernel_size=(3, 3),
                    padding=1,
                    use_bias=False,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(16, (3, 3)),
                )
            ),
            lambda x: nn.leaky_relu(x, negative_slope=0.1),
            lambda x: switcheroo_runtime.adaptive_avg_pool(x, (1, 1)),
        ])
        self.head = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(32),
        )

    def __call__(self, x):
        x = self.features(x)
        x = jnp.reshape(x, x.shape[:1] + (-1,))
        return self.head(x)


def count_parameters(model: nn.Module) -> int:
    # switcheroo: SWR3002 torch.nn.Module.parameters is not converted: a Flax module holds no...
    return sum(p.size for p in model.parameters())
