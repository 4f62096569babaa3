"""Constructor arguments become dataclass fields: what stays torch in an argument's annotation is marked on its field's line."""
from typing import Optional

import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Heads(linen.Module):
    # switcheroo: SWR3003 torch.nn.ModuleList is used without a call; kept as is
    heads: nn.ModuleList
    width: int
    # switcheroo: SWR3003 torch.nn.ModuleDict is used without a call; kept as is
    extra: Optional[nn.ModuleDict] = None

    def __call__(self, x):
        return [head(x) for head in self.heads]


class Projection(linen.Module):
    width: int
    head: Optional[linen.Module] = None

    def setup(self):
        width = self.width
        self.proj = linen.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        x = self.proj(x)
        return x if self.head is None else self.head(x)
