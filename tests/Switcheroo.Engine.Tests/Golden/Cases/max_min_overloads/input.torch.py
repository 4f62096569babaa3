import torch


def match(quality: torch.Tensor, boxes: torch.Tensor, limit: torch.Tensor):
    matched_vals, matches = quality.max(dim=0)
    best, _ = torch.max(quality, 1)
    lowest = quality.min(dim=-1).values
    first = torch.min(quality, 1, keepdim=True)[0]
    widest = torch.max(boxes)
    clipped = torch.min(boxes, limit)
    smallest = boxes.min()
    larger = torch.max(boxes, other=limit)
    return matched_vals, matches, best, lowest, first, widest, clipped, smallest, larger
