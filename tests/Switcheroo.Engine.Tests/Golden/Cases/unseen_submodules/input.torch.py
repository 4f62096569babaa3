# A block class from a file that is not converted with this one (blocks.py beside it is plain torch
# code, not a *.torch.py item): it may be a torch module, which a Flax module cannot apply, so it is
# reported (SWR3020). A helper called once for a number is not a submodule and stays quiet.
import torch.nn as nn

from blocks import ResidualUnit, round_width


class Tower(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.hidden = round_width(width * 1.5)
        self.unit = ResidualUnit(width)
        self.head = nn.Linear(width, 3)

    def forward(self, x):
        return self.head(self.unit(x))
