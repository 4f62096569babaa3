import torch

jnp = "already taken"


def scale(x):
    return torch.sum(x) * len(jnp)
