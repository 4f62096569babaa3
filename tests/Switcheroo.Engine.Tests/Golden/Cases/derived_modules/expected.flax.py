import typing
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Base(linen.Module):
    w: typing.Any

    def setup(self):
        w = self.w
        self.fc = linen.Dense(
            features=w,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(w),
        )

    def __call__(self, x):
        return self.fc(x)


# switcheroo: SWR3006 class Child is not converted to a Flax module: it derives from the module...
class Child(Base):
    def __init__(self, w):
        Base.__init__(self, w)
        self.extra = nn.ReLU()

    def forward(self, x):
        return self.extra(self.fc(x))


# switcheroo: SWR3006 class Other is not converted to a Flax module: it derives from the module...
class Other(Base):
    def __init__(self, w):
        super().__init__(w)
        self.extra = nn.ReLU()
