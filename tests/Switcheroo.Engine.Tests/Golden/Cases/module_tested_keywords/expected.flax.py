import warnings

import typing
import dataclasses
import jax
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


# Keys tested with "k" in **extra and read as extra["k"] only where the test says they were
# passed: each becomes a keyword-only field defaulting to a sentinel no caller passes, the test an
# identity test against it, the read the field.
class Gated(linen.Module):
    width: typing.Any
    stages: int = 2
    _: dataclasses.KW_ONLY
    gate: typing.Any = switcheroo_runtime.NOT_GIVEN
    bias: typing.Any = switcheroo_runtime.NOT_GIVEN
    tag: typing.Any = switcheroo_runtime.NOT_GIVEN

    def setup(self):
        width = self.width
        stages = self.stages
        gate = self.gate
        bias = self.bias
        tag = self.tag
        self.layers = [
            linen.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            ) for _ in range(stages)
        ]
        scales = [1.0 for _ in range(stages)]
        if gate is not switcheroo_runtime.NOT_GIVEN:
            warnings.warn("'gate' is deprecated; pass 'scales' after construction instead")
            if gate is not None:
                for i in range(stages):
                    scales[i] = gate * (i + 1)
        self.scales = scales
        if bias is switcheroo_runtime.NOT_GIVEN or bias is None:
            self.bias_ = 0.0
        else:
            self.bias_ = bias
        self.tag_ = tag if tag is not switcheroo_runtime.NOT_GIVEN else "plain"

    def __call__(self, x):
        for layer, scale in zip(self.layers, self.scales):
            x = jax.nn.relu(layer(x)) * scale
        return x + self.bias_


def make_gated(width, **extra):
    return Gated(
        width,
        **switcheroo_runtime.constructor_keywords(extra, ("width", "stages", "gate", "bias", "tag")),
    )


# A key read where no test says it was passed (torch raises KeyError without it): reported.
# switcheroo: SWR3006 class Unguarded is not converted to a Flax module: its constructor reads...
class Unguarded(nn.Module):
    def __init__(self, width, **extra):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.scale = extra["scale"]

    def forward(self, x):
        return self.fc(x) * self.scale


# A key that is no constant string: reported.
# switcheroo: SWR3006 class Searched is not converted to a Flax module: its constructor tests...
class Searched(nn.Module):
    def __init__(self, width, **extra):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.found = [key for key in ("low", "high") if key in extra]

    def forward(self, x):
        return self.fc(x) * len(self.found)


# A key tested for and then assigned (or popped): what the mapping holds is no longer what the
# caller passed, so no field stands for it: reported.
# switcheroo: SWR3006 class Overwritten is not converted to a Flax module: its constructor reads...
class Overwritten(nn.Module):
    def __init__(self, width, **extra):
        super().__init__()
        if "scale" not in extra:
            extra["scale"] = 1.0
        self.fc = nn.Linear(width, width)
        self.scale = extra.pop("scale", 1.0)

    def forward(self, x):
        return self.fc(x) * self.scale
