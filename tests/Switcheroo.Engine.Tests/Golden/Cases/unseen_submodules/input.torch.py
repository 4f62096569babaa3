# A block class from a file that is not converted with this one, and one from another library:
# either may be a torch module, which a Flax module cannot apply, so both are reported (SWR3020).
# A helper called once for a number is not a submodule and stays quiet.
import torch.nn as nn

from .blocks import ResidualUnit
from .widths import round_width
from thirdparty.layers import DropBranch


class Tower(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.hidden = round_width(width * 1.5)
        self.unit = ResidualUnit(width)
        self.drop = DropBranch(0.1)
        self.head = nn.Linear(width, 3)

    def forward(self, x):
        return self.head(self.drop(self.unit(x)))
