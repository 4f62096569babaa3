"""F.dropout in a module-level function has no module's RNG stream: reported with what to do; in the module's method it converts."""
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
import torch.nn.functional as F


def mix(x: jax.Array, weight: jax.Array, p: float) -> jax.Array:
    # switcheroo: SWR3003 torch.nn.functional.dropout(...) not converted: it needs a Flax module's...
    return F.dropout(x @ weight, p=p)


class Mixer(nn.Module):
    width: int
    p: float = 0.0
    train: bool = True

    def setup(self) -> None:
        width = self.width
        self.weight = self.param("weight", lambda key: jnp.eye(width))

    def __call__(self, x: jax.Array) -> jax.Array:
        return switcheroo_runtime.dropout(
            self, mix(x, self.weight, self.p), p=self.p, train=self.train
        )
