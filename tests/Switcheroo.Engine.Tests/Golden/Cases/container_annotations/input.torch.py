"""Module containers as annotations (torchvision's SSDScoringHead(module_list: nn.ModuleList, ...)):
a ModuleList converts to a list of modules and a ModuleDict to a dict, so the annotations are
typing.Sequence and typing.Mapping; the values keep torch's state_dict keys (blocks.0.weight)."""
import torch
from torch import nn

SWITCHEROO_EXAMPLES = {
    "Scoring": {"input_shape": [2, 4, 6, 6]},
}


class Columns(nn.Module):
    def __init__(self, blocks: nn.ModuleList, heads: nn.ModuleDict, columns: int):
        super().__init__()
        self.blocks = blocks
        self.heads = heads
        self.columns = columns

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for block in self.blocks:
            x = block(x)
        return x * self.columns


class Scoring(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = Columns(nn.ModuleList([nn.Conv2d(4, 6, 3, padding=1), nn.ReLU()]), nn.ModuleDict(), 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)
