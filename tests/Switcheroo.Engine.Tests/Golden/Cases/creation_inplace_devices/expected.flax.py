import jax
import jax.numpy as jnp
import switcheroo_runtime

device = "cuda"


def prepare(batch: jax.Array, n: int):
    mask = jnp.zeros((n, 4), dtype=jnp.bool_)
    ones = jnp.ones((n, 4))
    steps = jnp.arange(0, n, 2, dtype=jnp.int64)
    batch = batch * 0.5
    batch = batch + 2 * ones
    batch = jnp.clip(batch, min=0, max=1)
    halves = switcheroo_runtime.split(batch, 2, axis=1)
    parts = switcheroo_runtime.chunk(batch, 3)
    filled = jnp.where(mask, 0.0, batch)
    padded = switcheroo_runtime.pad(filled, (1, 1, 2, 0))
    bigger = switcheroo_runtime.interpolate(padded, scale_factor=2)
    return halves, parts, steps, jnp.asarray(bigger, dtype=jnp.float32), jnp.transpose(filled)
