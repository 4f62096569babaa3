import torch
import torch.nn as nn
from torch._jit_internal import _copy_to_script_wrapper
from torch.jit import unused


class Gate(nn.Module):
    """Decorators that only instruct TorchScript go; the methods stay."""

    def __init__(self, width: int):
        super().__init__()
        self.proj = nn.Linear(width, width)

    @torch.jit.unused
    def explain(self, x):
        return {"mean": x.mean(), "width": x.shape[-1]}

    @torch.jit.ignore(drop=True)
    def debug(self, x):
        return x

    @_copy_to_script_wrapper
    def __len__(self):
        return 1

    @unused
    def widths(self):
        return ["proj"]

    def forward(self, x):
        if torch.jit.is_scripting():
            return self.proj(x)
        return torch.sigmoid(self.proj(x)) * x


@torch.jit.ignore
def describe(gate):
    return repr(gate)
