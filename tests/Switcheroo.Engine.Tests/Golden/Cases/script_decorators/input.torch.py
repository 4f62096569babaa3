import torch
import torch.nn as nn


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

    def forward(self, x):
        if torch.jit.is_scripting():
            return self.proj(x)
        return torch.sigmoid(self.proj(x)) * x


@torch.jit.ignore
def describe(gate):
    return repr(gate)
