# Subclasses whose own arguments come before their base's (torch's ConstantPad1d(padding, value),
# the losses over _WeightedLoss): a Flax dataclass puts the base's fields first, so the positional
# arguments from the first out of that order on become keyword-only fields.
import warnings
from typing import Optional

import typing
import dataclasses
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class _Fill(nn.Module):
    value: float

    def __call__(self, x):
        return switcheroo_runtime.pad(x, self.border_, mode="constant", value=self.value)


# 'value' is the base's field, before the new 'border': it becomes keyword-only.
class Fill1d(_Fill):
    border: typing.Any
    _: dataclasses.KW_ONLY
    value: float

    def setup(self):
        super().setup()
        border = self.border
        self.border_ = (border, border)


# Passes the base's argument by position, in torch's order of Fill1d's arguments.
class ZeroFill1d(Fill1d):
    _: dataclasses.KW_ONLY
    value: typing.Any = 0.0


# Takes Fill1d's arguments in its order, annotated with a torch type, and warns first: no fields of
# its own, and setup keeps the warning.
class LoudFill1d(Fill1d):
    def setup(self):
        warnings.warn("LoudFill1d is deprecated")
        super().setup()


class _Scored(nn.Module):
    mean: typing.Any = None
    strict: typing.Any = None
    mode: str = "mean"

    def reduce(self, x):
        return jnp.mean(x) if self.mode == "mean" else jnp.sum(x)


# 'scale' stays positional (the base's fields come first, then it); the base's three follow it in
# torch, so they are declared again keyword-only.
class _Weighted(_Scored):
    scale: Optional[float] = None
    _: dataclasses.KW_ONLY
    mean: typing.Any = None
    strict: typing.Any = None
    mode: str = "mean"

    def setup(self):
        super().setup()
        scale = self.scale
        self.factor = 1.0 if scale is None else scale


# 'scale' stays positional; 'mean' stands before 'scale' among the fields, so it and every argument
# after it ('margin' too) are keyword-only.
class MarginScore(_Weighted):
    _: dataclasses.KW_ONLY
    margin: float = 0.5

    def __call__(self, x, y):
        return self.reduce(jax.nn.relu(self.margin - x * y)) * self.factor


# A construction passing a keyword-only field by position would be refused: reported.
# switcheroo: SWR3006 class Shift is not converted to a Flax module: it derives from the module...
class Shift(_Fill):
    def __init__(self, border, value: float):
        super().__init__(value)
        self.border = (border, 0)


def build():
    return Fill1d(2, value=1.5), ZeroFill1d(3), MarginScore(0.5, margin=1.0), Shift(1, 2.0)
