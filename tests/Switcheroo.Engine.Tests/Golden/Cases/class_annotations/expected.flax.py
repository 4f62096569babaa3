import jax
import jax.numpy as jnp
import flax.linen as nn


class Scale(nn.Module):
    # Declared for TorchScript, as torch's own layers do: no value, nothing at run time.
    factor: float = 2.0


    def setup(self):
        self.offset = jnp.zeros((4,))

    def __call__(self, x: jax.Array) -> jax.Array:
        return x * self.factor + self.offset


class Norm(nn.Module):
    """Attributes declared after the docstring, one with a value."""
    p: float = 2.0
    eps: float = 1e-6

    __constants__ = ["eps"]
    scale: float = 0.5

    def setup(self):
        p = self.p
        self.norm = p

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.scale * x / (
            jnp.sum(jnp.power(jnp.abs(x), self.norm), axis=-1, keepdims=True) + self.eps
        )
