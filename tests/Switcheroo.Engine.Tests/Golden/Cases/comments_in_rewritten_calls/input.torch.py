# A call rewritten whole keeps the comments written between its arguments: they move above the
# statement, at its indentation.
import torch


def flatten(x: torch.Tensor):
    rows = x.view(
        2,  # two rows
        -1,  # the rest
    )
    if rows.numel() > 0:
        width = x.size(
            1  # channels
        )
        return rows, width
    return rows, x.size(0)
