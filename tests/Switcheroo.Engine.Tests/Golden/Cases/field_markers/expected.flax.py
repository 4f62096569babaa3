"""Constructor arguments become dataclass fields: what stays torch in an argument's annotation is marked on its field's line."""
from typing import Optional

import typing
import flax.linen as nn
import switcheroo_runtime
import torch


class Heads(nn.Module):
    heads: typing.Sequence
    width: int
    # switcheroo: SWR3001 torch.Generator has no mapping; kept as is
    generator: torch.Generator
    # switcheroo: SWR3001 torch.Generator has no mapping; kept as is
    extra: Optional[torch.Generator] = None

    def __call__(self, x):
        return [head(x) for head in self.heads]


class Projection(nn.Module):
    width: int
    head: Optional[nn.Module] = None

    def setup(self):
        width = self.width
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        x = self.proj(x)
        return x if self.head is None else self.head(x)
