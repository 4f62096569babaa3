import typing
import dataclasses
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Base(linen.Module):
    w: typing.Any
    scale: float = 1.0

    def setup(self):
        w = self.w
        scale = self.scale
        self.fc = linen.Dense(
            features=w,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(w),
        )
        self.scale_ = scale * 2

    def __call__(self, x):
        return self.fc(x) * self.scale_


class Dropping(linen.Module):
    w: typing.Any
    train: bool = True

    def setup(self):
        self.drop = linen.Dropout(rate=0.5, deterministic=not self.train)


# Passes a computed value to the base's constructor.
# switcheroo: SWR3006 class Computed is not converted to a Flax module: it derives from the...
class Computed(Base):
    def __init__(self, w):
        Base.__init__(self, w * 2)
        self.extra = nn.ReLU()

    def forward(self, x):
        return self.extra(self.fc(x))


# Passes a constant for a base argument it does not take.
class Fixed(Base):
    _: dataclasses.KW_ONLY
    scale: typing.Any = 3.0


# Takes the base's arguments in another order: 'w' stands before 'scale' among the fields, so it is keyword-only.
class Reordered(Base):
    scale: typing.Any
    _: dataclasses.KW_ONLY
    w: typing.Any


# Reads an attribute that the base sets to another value than its field: it reads the base's new attribute.
class Scaled(Base):
    def __call__(self, x):
        return self.fc(x) / self.scale_


# New positional arguments after a base that carries the train flag.
# switcheroo: SWR3006 class Wider is not converted to a Flax module: it derives from the module...
class Wider(Dropping):
    def __init__(self, w, k=2):
        super().__init__(w)
        self.fc = nn.Linear(w, k)


# *args, **kwargs read again after passing them on.
# switcheroo: SWR3006 class Echo is not converted to a Flax module: it derives from the module...
class Echo(Base):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.size = len(args)


# No call of the base's constructor.
# switcheroo: SWR3006 class Forgetful is not converted to a Flax module: it derives from the...
class Forgetful(Base):
    def __init__(self, w):
        self.w2 = w


class Named:
    label = "block"


# Another base besides the module class.
# switcheroo: SWR3006 class Labelled is not converted to a Flax module: it derives from the...
class Labelled(Base, Named):
    pass


# Passes the base another argument besides its *args, **kwargs.
class Narrow(Base):
    scale: typing.Any = 0.5
