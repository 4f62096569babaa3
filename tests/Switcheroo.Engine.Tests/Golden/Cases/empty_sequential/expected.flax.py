"""A residual block whose shortcut is an empty Sequential (the identity) unless the shape changes."""
import typing
import jax
import flax.linen as nn
import switcheroo_runtime


class Residual(nn.Module):
    cin: typing.Any
    cout: typing.Any
    stride: int = 1

    def setup(self):
        cin = self.cin
        cout = self.cout
        stride = self.stride
        self.body = nn.Dense(
            features=cout,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(cin),
        )
        self.shortcut = lambda x: x
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(
                [
                    nn.Dense(
                        features=cout,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(cin),
                    )
                ]
            )

    def __call__(self, x):
        return jax.nn.relu(self.body(x) + self.shortcut(x))


class Bottleneck(nn.Module):
    """The identity chosen by a conditional: in parentheses, or the lambda would take the conditional in."""

    cin: typing.Any
    stride: int = 1

    def setup(self):
        cin = self.cin
        stride = self.stride
        self.body = nn.Dense(
            features=cin,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(cin),
        )
        self.shortcut = (lambda x: x) if stride == 1 else nn.Sequential(
            [
                nn.Dense(
                    features=cin,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(cin),
                )
            ]
        )

    def __call__(self, x):
        return self.body(x) + self.shortcut(x)
