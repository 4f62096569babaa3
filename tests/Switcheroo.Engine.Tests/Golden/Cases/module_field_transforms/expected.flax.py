import typing
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


# The base stores a transformed argument; its subclasses read it where the base put it.
class _Window(nn.Module):
    size: typing.Any
    step: typing.Any = None
    margin: int = 0

    def setup(self):
        size = self.size
        step = self.step
        margin = self.margin
        self.step_ = step if (step is not None) else size
        self.margin_ = switcheroo_runtime.as_ntuple(margin, n=2)


class Every(_Window):
    def __call__(self, x):
        return x[..., :: self.step_] * self.size


class Step(_Window):
    gain: float = 1.0

    def __call__(self, x):
        return x[..., :: self.step_] * self.gain + self.margin_[0]


# The base reads what each subclass stores from its own argument.
class _Crop(nn.Module):
    def __call__(self, x):
        top, left = self.border_[0], self.border_[1]
        return x[..., top : x.shape[-2] - top, left : x.shape[-1] - left]


class Crop2d(_Crop):
    border: typing.Any

    def setup(self):
        super().setup()
        border = self.border
        self.border_ = switcheroo_runtime.as_ntuple(border, n=2)


class Crop4d(_Crop):
    border: typing.Any

    def setup(self):
        super().setup()
        border = self.border
        self.border_ = switcheroo_runtime.ntuple(4)(border)


# One subclass stores the attribute from its argument, the other as it was given: the base cannot read both.
class _Shift(nn.Module):
    def __call__(self, x):
        # switcheroo: SWR3006 _Shift reads self.offset, which its subclasses store under different names...
        return x + self.offset


class ShiftPair(_Shift):
    offset: typing.Any

    def setup(self):
        super().setup()
        offset = self.offset
        self.offset_ = switcheroo_runtime.as_ntuple(offset, n=2)[0]


class ShiftPlain(_Shift):
    offset: typing.Any


# A parameter keeps torch's name as a variable; only the attribute holding it moves.
class Scale(nn.Module):
    dim: typing.Any
    scale: float = 1e-6

    def setup(self):
        dim = self.dim
        scale = self.scale
        self.scale_ = self.param("scale", lambda key: jnp.ones(dim) * scale)

    def __call__(self, x):
        return x * self.scale_


# The loss flags of old torch code decide the reduction.
class Distance(nn.Module):
    size_average: typing.Any = None
    reduce: typing.Any = None
    reduction: str = "mean"

    def setup(self):
        size_average = self.size_average
        reduce = self.reduce
        reduction = self.reduction
        if size_average is not None or reduce is not None:
            self.reduction_ = switcheroo_runtime.legacy_reduction(size_average, reduce)
        else:
            self.reduction_ = reduction

    def __call__(self, a, b):
        return switcheroo_runtime.l1_loss(a, b, reduction=self.reduction_)


# A submodule is named by its attribute: kept and reported.
class Stem(nn.Module):
    stem: typing.Any
    width: typing.Any
    train: bool = True

    def setup(self):
        stem = self.stem
        width = self.width
        # switcheroo: SWR3006 'stem' is a field of Stem (a constructor argument) and setup may not assign...
        self.stem = switcheroo_runtime.with_train(stem, self.train)(width)

    def __call__(self, x):
        return self.stem(x)
