# A block class from a file that is not converted with this one (blocks.py beside it is plain torch
# code, not a *.torch.py item): it may be a torch module, which a Flax module cannot apply, so it is
# reported (SWR3020). A helper called once for a number is not a submodule and stays quiet.
import typing
import flax.linen as nn
import switcheroo_runtime

from blocks import ResidualUnit, round_width


class Tower(nn.Module):
    width: typing.Any

    def setup(self):
        width = self.width
        self.hidden = round_width(width * 1.5)
        # switcheroo: SWR3020 self.unit is built by ResidualUnit, imported from blocks, which is not...
        self.unit = ResidualUnit(width)
        self.head = nn.Dense(
            features=3,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        return self.head(self.unit(x))
