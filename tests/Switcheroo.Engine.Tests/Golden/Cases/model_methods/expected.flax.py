# Methods a model has from torch.nn.Module: on `self` in a module class and on an instance of one,
# the map's torch.nn.Module entries apply, never the tensor methods of the same name.
import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Shuffle(nn.Module):
    order: typing.Any

    def __call__(self, x):
        # switcheroo: SWR3003 torch.Tensor.permute(...) not converted: expected the sizes as positional...
        return x.permute(*self.order)


class Tower(nn.Module):
    width: int

    def setup(self):
        width = self.width
        self.permute = Shuffle((0, 2, 1))
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.scale = self.variable("buffers", "scale", lambda: jnp.ones(width))
        # switcheroo: SWR3002 torch.nn.Module.children is not converted: a Flax module's submodules exist...
        for layer in self.children():
            print(layer)

    def __call__(self, x):
        x = self.permute(x)
        return self.proj(x) * self.scale.value

    def extend(self, width: int):
        # switcheroo: SWR3002 torch.nn.Module.register_buffer is not converted here: a buffer converts...
        self.register_buffer("offset", jnp.zeros(width))


def prepare(device: str, x: jax.Array):
    model = Tower(8)
    # switcheroo: SWR3002 torch.nn.Module.requires_grad_ is not converted: JAX arrays carry no...
    model.requires_grad_(False)
    # switcheroo: SWR3002 torch.nn.Module.named_parameters is not converted: a Flax module holds no...
    names = [name for name, _ in model.named_parameters()]
    return model(jnp.asarray(x, dtype=jnp.float16)), names
