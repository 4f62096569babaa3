import jax
import jax.numpy as jnp


class Block:
    def forward(self, x, mask):
        b = x.shape[0]
        y = jnp.reshape(x, (b, -1))
        y = jnp.expand_dims(jnp.transpose(y, (1, 0)), 0)
        z = jnp.swapaxes(y, 0, 1) if False else jnp.swapaxes(y, 1, 2)
        total = jnp.sum(z, axis=-1, keepdims=True)
        return jnp.mean(total, axis=1), x.shape, jax.lax.stop_gradient(y)


def helper(values):
    # switcheroo: SWR3005 .sum(...) may be torch.Tensor.sum, but 'values' is not known to be a...
    return values.sum(1)
