"""An init loop whose Linear branch draws U(-r, r) with r = C / sqrt(out_features), held in a local.

That is variance_scaling(C ** 2 / 3, "fan_out", "uniform") on the Dense kernel (in, out), whose fan-out
is out_features too; a range over anything else stays reported.
"""
import math

import jax
import flax.linen as linen
import switcheroo_runtime
from torch import nn


class Head(linen.Module):
    width: int
    classes: int

    def setup(self):
        width = self.width
        classes = self.classes
        self.hidden = linen.Dense(
            features=2 * width,
            kernel_init=linen.initializers.variance_scaling(2.0 ** 2 / 3, "fan_out", "uniform"),
            bias_init=linen.initializers.zeros,
        )
        self.out = linen.Dense(
            features=classes,
            kernel_init=linen.initializers.variance_scaling(2.0 ** 2 / 3, "fan_out", "uniform"),
            bias_init=linen.initializers.zeros,
        )

    def __call__(self, x):
        return self.out(jax.nn.relu(self.hidden(x)))


class Skewed(linen.Module):
    """The range reads in_features, which is not the kernel's fan-out: reported."""

    width: int

    def setup(self):
        width = self.width
        self.fc = linen.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for m in self.modules():
            # switcheroo: SWR3003 torch.nn.Linear in an isinstance/issubclass test is not converted: the...
            if isinstance(m, nn.Linear):
                # switcheroo: SWR3001 torch.nn.Linear.in_features has no mapping: a Flax layer holds no weights...
                bound = 1.0 / math.sqrt(m.in_features)
                # switcheroo: SWR3015 torch.nn.init.uniform_ not converted: 'nn.init.uniform_(m.weight, -bound...
                nn.init.uniform_(m.weight, -bound, bound)

    def __call__(self, x):
        return self.fc(x)
