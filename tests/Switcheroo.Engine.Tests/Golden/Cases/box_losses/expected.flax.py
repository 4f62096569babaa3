"""torchvision's box losses of matched pairs convert to the runtime's, reduction and eps passed on."""
import jax
import jax.numpy as jnp
import switcheroo_runtime


def regression_loss(
    kind: str, predicted: jax.Array, target: jax.Array, eps: float = 1e-7
) -> jax.Array:
    if kind == "giou":
        return switcheroo_runtime.generalized_box_iou_loss(
            predicted, target, reduction="sum", eps=eps
        )
    if kind == "diou":
        return switcheroo_runtime.distance_box_iou_loss(predicted, target, reduction="mean")
    per_box = switcheroo_runtime.complete_box_iou_loss(predicted, target)
    return jnp.mean(per_box)
