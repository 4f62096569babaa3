# A float model written for eager-mode quantization, and its float twin: before prepare/convert the
# stubs are the identity and FloatFunctional's methods are the float operations, so both convert
# to the same Flax model. The quantization steps themselves are reported.
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
import torch
from torch.quantization import fuse_modules


class GatedBranch(nn.Module):
    channels: int

    def setup(self):
        channels = self.channels
        self.left = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
            )
        )
        self.right = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (1, 1)),
            )
        )
        self.gate = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(2 * channels, (1, 1)),
            )
        )

    def __call__(self, x):
        a = self.left(x)
        b = self.right(x)
        y = jax.nn.relu(a + x)
        y = y * jax.nn.sigmoid(b)
        y = jnp.concatenate([y, b], axis=1)
        return self.gate(y) * 0.5 + 1.0


class QuantizableGatedBranch(nn.Module):
    channels: int

    def setup(self):
        channels = self.channels
        self.left = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
            )
        )
        self.right = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (1, 1)),
            )
        )
        self.gate = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(2 * channels, (1, 1)),
            )
        )
        self.add_relu = None
        self.mul = None
        self.cat = None
        self.scalars = None
        self.quant = lambda x: x
        self.dequant = lambda x: x

    def __call__(self, x):
        x = self.quant(x)
        a = self.left(x)
        b = self.right(x)
        y = jax.nn.relu(a + x)
        y = y * jax.nn.sigmoid(b)
        y = jnp.concatenate([y, b], axis=1)
        y = self.gate(y) * 0.5 + 1.0
        return self.dequant(y)

    def fuse_model(self):
        # switcheroo: SWR3002 torch.quantization.fuse_modules is not converted: quantization has no JAX...
        fuse_modules(self, [["left"], ["right"]], inplace=True)


class Residual(nn.Module):
    channels: int

    def setup(self):
        channels = self.channels
        self.body = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=channels,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
            )
        )
        self.skip_add = None
        self.stack = None

    def __call__(self, x):
        y = self.body(x) + x
        z = (y + x) * 2.0
        assert (z + x).ndim == 4
        return jnp.concatenate((z, x))


def quantize(model: nn.Module, example: jax.Array) -> None:
    # switcheroo: SWR3002 torch.backends.quantized.engine is not converted: quantization has no JAX...
    torch.backends.quantized.engine = "qnnpack"
    # switcheroo: SWR3002 torch.ao.quantization.get_default_qconfig is not converted: quantization...
    # switcheroo: SWR3001 torch.nn.Module.qconfig has no mapping: a Flax layer holds no weights (they...
    model.qconfig = torch.ao.quantization.get_default_qconfig("qnnpack")
    # switcheroo: SWR3002 torch.ao.quantization.prepare is not converted: quantization has no JAX...
    torch.ao.quantization.prepare(model, inplace=True)
    model(example)
    # switcheroo: SWR3002 torch.ao.quantization.convert is not converted: quantization has no JAX...
    torch.ao.quantization.convert(model, inplace=True)
