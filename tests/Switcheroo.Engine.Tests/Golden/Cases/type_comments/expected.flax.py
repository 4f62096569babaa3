# PEP 484 type comments declare what the parameters hold, as annotations do (TorchScript-era code).
from typing import List, Optional

import jax.numpy as jnp
import switcheroo_runtime


def box_loss(logits, targets, weights=None):
    # type: (Tensor, List[Tensor], Optional[Tensor]) -> Tensor
    """Smooth L1 over the boxes."""
    target = jnp.concatenate(targets, axis=0)
    loss = switcheroo_runtime.smooth_l1_loss(jnp.reshape(logits, (-1, 4)), target, reduction="sum")
    if weights is not None:
        loss = loss * jnp.sum(weights)
    return loss / max(1, logits.shape[0])


def grid(extent, step):
    # type: (torch.Tensor, float) -> Tensor
    return jnp.ceil(jnp.clip(extent, min=0)) + jnp.floor(extent / step)


class Coder:
    def decode(self, deltas, sizes):
        # type: (Tensor, List[int]) -> List[Tensor]
        return switcheroo_runtime.split(deltas, sizes, axis=0)


def untyped(x, y):
    # an ordinary comment declares nothing
    # switcheroo: SWR3005 .sum(...) may be torch.Tensor.sum, but 'x' is not known to be a tensor...
    return x.sum() + y


def mismatched(x, y):
    # type: (Tensor) -> Tensor
    # switcheroo: SWR3005 .sum(...) may be torch.Tensor.sum, but 'x' is not known to be a tensor...
    return x.sum() + y
