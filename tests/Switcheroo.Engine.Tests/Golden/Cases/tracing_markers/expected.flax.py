# Markers for torch's tracers (torch.fx, TorchScript) mean nothing to JAX: they go, and tests of
# whether torch is tracing are False in converted code.
import jax
import jax.numpy as jnp
import switcheroo_runtime
import torch
import torch.fx


def _pad_to_even(x):
    if x.shape[-1] % 2:
        x = switcheroo_runtime.pad(x, (0, 1))
    return x




def _clip(boxes: jax.Array, size: int):
    return jnp.clip(boxes, min=0, max=size)


def scale(boxes: jax.Array, size: int):
    if False or False:
        return _clip(boxes, size)
    return _pad_to_even(boxes) * 2


# switcheroo: SWR3003 torch.fx.wrap converts only as a call that is a statement of its own (it...
registered = torch.fx.wrap("scale")
