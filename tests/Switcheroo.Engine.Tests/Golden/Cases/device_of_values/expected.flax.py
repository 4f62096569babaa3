# .to(v.device) moves a tensor to another value's device, whatever v is (a tensor, an object holding
# a device): JAX places arrays itself, so the move goes, as .to(device) does. A device unpacked with
# a dtype from a tuple (dtype, device = ref.dtype, ref.device) is a device too.
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Offsets(nn.Module):
    size: int

    def setup(self) -> None:
        self.proj = nn.Dense(
            features=8,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(2),
        )

    def grid(self, centres):
        steps = jnp.linspace(-1.0, 1.0, self.size)
        grid = jnp.stack(jnp.meshgrid(steps, steps, indexing="ij"), axis=-1)
        return jnp.reshape(grid, (-1, 2))

    def __call__(self, centres):
        return self.proj(self.grid(centres))


class Placement:
    def __init__(self, device: str) -> None:
        self.device = device


def placed(x: jax.Array, placement: Placement) -> jax.Array:
    return x


def like(points: jax.Array, reference: jax.Array) -> jax.Array:
    dtype, device = reference.dtype, reference.device
    base = jnp.zeros((points.shape[0], 2))
    return base + points.astype(dtype)
