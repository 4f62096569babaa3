import jax
import jax.numpy as jnp

device = "cuda"


def prepare(batch: jax.Array, n: int):
    mask = jnp.zeros((n, 4), dtype=jnp.bool_)
    ones = jnp.ones((n, 4))
    steps = jnp.arange(0, n, 2, dtype=jnp.int64)
    batch = batch * 0.5
    batch = batch + 2 * ones
    batch = jnp.clip(batch, min=0, max=1)
    halves = (
        lambda t, s, d: jnp.split(
            t,
            list(range(s, t.shape[d], s)) if isinstance(s, int) else [
                sum(s[:i + 1]) for i in range(len(s) - 1)
            ],
            axis=d,
        )
    )(batch, 2, 1)
    parts = (
        lambda t, n, d: jnp.split(
            t, list(range(-(-t.shape[d] // n), t.shape[d], -(-t.shape[d] // n))), axis=d
        )
    )(batch, 3, 0)
    filled = jnp.where(mask, 0.0, batch)
    padded = (
        lambda t, p: jnp.pad(
            t,
            [(0, 0)] * (t.ndim - len(p) // 2) + [
                (p[i], p[i + 1]) for i in range(len(p) - 2, -1, -2)
            ],
            constant_values=0,
        )
    )(filled, (1, 1, 2, 0))
    bigger = (lambda t, s: jnp.repeat(jnp.repeat(t, s, axis=2), s, axis=3))(padded, 2)
    return halves, parts, steps, jnp.asarray(bigger, dtype=jnp.float32), jnp.transpose(filled)
