import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
import torch


class Noisy(nn.Module):
    dim: typing.Any

    def setup(self):
        dim = self.dim
        self.w = self.param("w", lambda key: jax.random.normal(key, (dim, dim)) * 0.02)
        self.seed_noise = self.variable(
            "buffers",
            "seed_noise",
            lambda: jax.random.uniform(self.make_rng("params"), switcheroo_runtime.as_shape(dim)),
        )

    def __call__(self, x):
        return x @ self.w + jax.random.normal(
            self.make_rng("noise"), x.shape, x.dtype
        ) * 0.1 + self.seed_noise.value


def sample(n):
    key = jax.random.PRNGKey(42)
    key, subkey = jax.random.split(key)
    data = jax.random.normal(subkey, (n, 3))
    key, subkey = jax.random.split(key)
    order = jax.random.permutation(subkey, n)
    key, subkey = jax.random.split(key)
    data = jax.random.normal(subkey, data.shape, data.dtype) * 2.0 + 0.0
    key, subkey, subkey2 = jax.random.split(key, 3)
    return data[order], jax.random.uniform(subkey, (2, 2)) + jax.random.uniform(subkey2, (2, 2))


def unseeded():
    # switcheroo: SWR3010 torch.randn(...) not converted: torch draws from a global generator; in JAX...
    return torch.randn(3)


def labels(n):
    key = jax.random.PRNGKey(0)
    key, subkey = jax.random.split(key)
    a = jax.random.randint(subkey, (n,), 0, 10)
    key, subkey = jax.random.split(key)
    b = jax.random.randint(subkey, (2, 3), 1, 7, dtype=jnp.int32)
    key, subkey = jax.random.split(key)
    c = jax.random.randint(subkey, [4], 2, 5)
    # switcheroo: SWR3003 torch.randint(...) not converted: its arguments are not (high, size) or...
    d = torch.randint(3, 4, 5, 6)
    return a, b, c, d
