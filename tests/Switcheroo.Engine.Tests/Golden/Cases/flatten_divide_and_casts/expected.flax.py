"""flatten up to an axis other than the last (literal or known at run time), unflatten, divide with
its rounding modes, expand_as, byte and new_full."""
import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime

SWITCHEROO_EXAMPLES = {"Regroup": {"input_shape": [2, 6, 4, 5]}}


class Regroup(nn.Module):
    groups: int = 3
    last: int = -2

    def setup(self):
        groups = self.groups
        self.split = lambda x: switcheroo_runtime.unflatten(x, 1, (groups, -1))
        self.merge = lambda x: switcheroo_runtime.flatten(x, 1, -2)
        self.whole = lambda x: jnp.reshape(x, x.shape[:0] + (-1,))
        self.mix = nn.Dense(
            features=5,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(5),
        )

    def __call__(self, x):
        x = self.mix(x)
        y = self.split(x)
        z = switcheroo_runtime.flatten(y, 1, self.last)
        w = switcheroo_runtime.flatten(jnp.sum(x, axis=1), 0, -2)
        u = switcheroo_runtime.flatten(switcheroo_runtime.unflatten(x, -1, (5, 1)), 2, 3)
        return self.merge(z) + jnp.sum(switcheroo_runtime.flatten(u, 2, -1)) + jnp.sum(w) + jnp.sum(
            self.whole(x)
        )


def regroup(x: jax.Array, sizes: typing.Sequence) -> jax.Array:
    return switcheroo_runtime.unflatten(x, 0, sizes)


def bucket(index: jax.Array, width: int):
    rows = switcheroo_runtime.divide(index, width, rounding_mode="floor")
    toward_zero = switcheroo_runtime.divide(index, width, rounding_mode="trunc")
    ratio = jnp.divide(index, width)
    half = jnp.divide(index, 2.0)
    return rows, toward_zero, ratio, half


def masks(scores: jax.Array, reference: jax.Array):
    keep = jnp.asarray(scores > 0.5, dtype=jnp.uint8)
    spread = jnp.broadcast_to(jnp.mean(scores, axis=0, keepdims=True), reference.shape)
    canvas = jnp.full((2, 3), -1.0, dtype=reference.dtype)
    counts = jnp.full([4], 7, dtype=jnp.int32)
    return keep, spread, canvas, counts
