"""torchvision's box losses of matched pairs convert to the runtime's, reduction and eps passed on."""
import torch
import torchvision.ops
from torchvision.ops import generalized_box_iou_loss
from torchvision.ops.ciou_loss import complete_box_iou_loss


def regression_loss(kind: str, predicted: torch.Tensor, target: torch.Tensor, eps: float = 1e-7) -> torch.Tensor:
    if kind == "giou":
        return generalized_box_iou_loss(predicted, target, reduction="sum", eps=eps)
    if kind == "diou":
        return torchvision.ops.distance_box_iou_loss(predicted, target, "mean")
    per_box = complete_box_iou_loss(predicted, target)
    return per_box.mean()
