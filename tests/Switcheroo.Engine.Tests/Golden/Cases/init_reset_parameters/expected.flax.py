import math

import typing
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
import torch
from torch.nn import init


class ScaledDense(nn.Module):
    """A dense layer of its own, built empty and drawn as torch's Linear draws."""

    n_in: typing.Any
    n_out: typing.Any
    bias: bool = True
    device: typing.Any = None
    dtype: typing.Any = None

    def setup(self):
        n_in = self.n_in
        n_out = self.n_out
        bias = self.bias
        device = self.device
        dtype = self.dtype
        factory_kwargs = {"device": device, "dtype": dtype}
        self.weight = self.param(
            "weight",
            switcheroo_runtime.param_init(
                nn.initializers.variance_scaling(
                    2.0 / 6, "fan_in", "uniform", in_axis=1, out_axis=0
                ),
                lambda key: jnp.empty((n_out, n_in), dtype=dtype),
            ),
        )
        if bias:
            self.bias_ = self.param(
                "bias",
                switcheroo_runtime.param_init(
                    switcheroo_runtime.torch_bias_init(
                        switcheroo_runtime.torch_fan_in(self.weight.shape)
                    ),
                    lambda key: jnp.empty(n_out, dtype=dtype),
                ),
            )
        else:
            self.bias_ = None

    def __call__(self, x):
        return switcheroo_runtime.linear(x, self.weight, bias=self.bias_) * 0.5


class TapFilter(nn.Module):
    """A filter bank (out, in, taps): torch's fans count the taps."""

    channels: typing.Any
    taps: int = 5

    def setup(self):
        channels = self.channels
        taps = self.taps
        self.bank = self.param(
            "bank",
            switcheroo_runtime.param_init(
                nn.initializers.variance_scaling(2.0, "fan_out", "normal", in_axis=1, out_axis=0),
                lambda key: jnp.empty((channels, channels, taps)),
            ),
        )
        self.offset = self.param(
            "offset",
            switcheroo_runtime.param_init(
                switcheroo_runtime.torch_bias_init(
                    switcheroo_runtime.torch_fan_in(self.bank.shape)
                ),
                lambda key: jnp.empty(channels),
            ),
        )
        self.mix = self.param(
            "mix",
            switcheroo_runtime.param_init(
                nn.initializers.variance_scaling(
                    1.0 * 0.5 ** 2, "fan_avg", "uniform", in_axis=1, out_axis=0
                ),
                lambda key: jnp.empty((channels, channels)),
            ),
        )

    def __call__(self, x):
        return jnp.einsum("oit,bit->bo", self.bank, x) + self.offset @ self.mix


class Affine(nn.Module):
    width: typing.Any

    def setup(self):
        width = self.width
        self.scale = self.param(
            "scale",
            switcheroo_runtime.param_init(nn.initializers.ones, lambda key: jnp.empty(width)),
        )
        self.shift = self.param(
            "shift",
            switcheroo_runtime.param_init(nn.initializers.zeros, lambda key: jnp.empty(width)),
        )

    def __call__(self, x):
        return x * self.scale + self.shift


class Shift(nn.Module):
    """Parameters built and drawn under the same flag."""

    width: typing.Any
    affine: bool = True

    def setup(self):
        width = self.width
        if self.affine:
            self.gain = self.param(
                "gain",
                switcheroo_runtime.param_init(nn.initializers.ones, lambda key: jnp.empty(width)),
            )
            self.offset = self.param(
                "offset",
                switcheroo_runtime.param_init(nn.initializers.zeros, lambda key: jnp.empty(width)),
            )
        else:
            self.gain = None
            self.offset = None

    def __call__(self, x):
        if self.gain is None:
            return x
        return x * self.gain + self.offset


class Noise(nn.Module):
    """A dict of keywords changed after it is built stays unpacked, reported."""

    width: typing.Any
    dtype: typing.Any = None

    def setup(self):
        width = self.width
        dtype = self.dtype
        options = {"dtype": dtype}
        options["requires_grad"] = False
        # switcheroo: SWR3003 torch.zeros(...) not converted: argument '**options' has no mapping
        self.floor = self.param("floor", lambda key: torch.zeros(width, **options))

    def __call__(self, x):
        return x + self.floor


class Counted(nn.Module):
    """A reset method that does more than draw parameters stays, reported."""

    width: typing.Any

    def setup(self):
        width = self.width
        self.gain = self.param("gain", lambda key: jnp.empty(width))
        self.resets = 0
        self.reset_parameters()

    def reset_parameters(self):
        self.resets += 1
        # switcheroo: SWR3015 torch.nn.init.ones_ not converted: self.reset_parameters() is not a method...
        init.ones_(self.gain)

    def __call__(self, x):
        return x * self.gain


class LateWeight(nn.Module):
    """The bias's bound reads a weight the constructor declares after it: reported."""

    width: typing.Any

    def setup(self):
        width = self.width
        self.bias = self.param("bias", lambda key: jnp.empty(width))
        self.weight = self.param("weight", lambda key: jnp.empty((width, width)))
        self.reset_parameters()

    def reset_parameters(self):
        # switcheroo: SWR3015 torch.nn.init.kaiming_uniform_ not converted: the bound of self.bias reads...
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        # switcheroo: SWR3002 torch.nn.init._calculate_fan_in_and_fan_out is not converted: it converts...
        fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
        bound = 1 / math.sqrt(fan_in)
        # switcheroo: SWR3015 torch.nn.init.uniform_ not converted: the bound of self.bias reads the...
        init.uniform_(self.bias, -bound, bound)

    def __call__(self, x):
        return x @ jnp.transpose(self.weight) + self.bias


class SlopeIgnored(nn.Module):
    """torch reads a only for leaky_relu: with relu it is ignored, which a divided gain would not be; reported."""

    width: int = 4

    def setup(self):
        width = self.width
        self.weight = self.param("weight", lambda key: jnp.empty((width, width)))
        self.reset_parameters()

    def reset_parameters(self):
        # switcheroo: SWR3015 torch.nn.init.kaiming_uniform_ not converted: 'a' is torch's only with...
        init.kaiming_uniform_(self.weight, a=math.sqrt(5), nonlinearity="relu")

    def __call__(self, x):
        return switcheroo_runtime.linear(x, self.weight)
