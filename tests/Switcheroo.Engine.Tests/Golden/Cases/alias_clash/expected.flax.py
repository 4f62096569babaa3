import jax.numpy as jax_numpy

jnp = "already taken"


def scale(x):
    return jax_numpy.sum(x) * len(jnp)
