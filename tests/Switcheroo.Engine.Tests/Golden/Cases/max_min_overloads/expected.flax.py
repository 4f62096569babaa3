import jax
import jax.numpy as jnp
import switcheroo_runtime
import torch


def match(quality: jax.Array, boxes: jax.Array, limit: jax.Array):
    matched_vals, matches = switcheroo_runtime.torch_max(quality, 0)
    best, _ = switcheroo_runtime.torch_max(quality, 1)
    lowest = switcheroo_runtime.torch_min(quality, -1).values
    first = switcheroo_runtime.torch_min(quality, 1, keepdim=True)[0]
    widest = jnp.max(boxes)
    clipped = switcheroo_runtime.torch_min(boxes, limit)
    smallest = jnp.min(boxes)
    # switcheroo: SWR3003 torch.max(...) not converted: keyword argument 'other' is not in the mapped...
    larger = torch.max(boxes, other=limit)
    return matched_vals, matches, best, lowest, first, widest, clipped, smallest, larger
