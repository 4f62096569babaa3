"""Classes and blocks whose statements all go in the conversion."""
import typing
import jax
import flax.linen as nn


class Identity(nn.Module):
    pass
scale = 1


class Holder(nn.Module):
    """Keeps a width for later."""

    width: typing.Any


class Shift(nn.Module):
    by: int = 2

    def __call__(self, x):
        return x + self.by


class Empty(nn.Module):
    pass

    # forward comes from a mixin


def place(model, batch: jax.Array, use_gpu: bool):
    if use_gpu:
        pass
        # move the batch
    else:
        pass
    return model(batch)


def clear(optimizer):
    pass
