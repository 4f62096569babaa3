import typing
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class ScaledNorm(linen.Module):
    dim: int
    eps: float = 1e-6

    def setup(self):
        dim = self.dim
        self.scale = self.param("scale", lambda key: jnp.ones(dim))
        # switcheroo: SWR3003 a parameter with requires_grad=False is a constant: keep it as a plain...
        self.shift = nn.Parameter(jnp.zeros(dim), requires_grad=False)
        self.mask = self.variable("buffers", "mask", lambda: jnp.tril(jnp.ones((dim, dim))))
        self.steps = jnp.arange(dim)
        # switcheroo: SWR3002 torch.nn.Module.register_buffer is not converted here: a buffer converts...
        self.register_buffer(name_of(dim), jnp.zeros((1,)))

    def __call__(self, x):
        norm = x / jnp.sqrt(jnp.mean(x * x, axis=-1, keepdims=True) + self.eps)
        return norm * self.scale @ self.mask.value + self.steps


# switcheroo: SWR3006 class WithVarargs is not converted to a Flax module: its constructor reads...
class WithVarargs(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        self.layers = nn.ModuleList(layers)


# switcheroo: SWR3006 class Tower is not converted to a Flax module: constructor argument 'extra'...
class Tower(nn.Module):
    def __init__(self, sizes=[8, 4], head=[2], extra={}):
        super().__init__()
        self.sizes = sizes


class Stack(linen.Module):
    sizes: typing.Any = (8, 4)
    head: typing.Any = (2,)
    none: typing.Any = ()

    def setup(self):
        sizes = self.sizes
        head = self.head
        self.layers = [
            linen.Dense(
                features=b,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(a),
            ) for a, b in zip(sizes, sizes[1:] + head)
        ]
