import math

import typing
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Head(linen.Module):
    features: typing.Any
    classes: typing.Any
    prior: float = 0.01

    def setup(self):
        features = self.features
        classes = self.classes
        prior = self.prior
        self.layers = linen.Sequential(
            [
                *[
                    linen.Dense(
                        features=features,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(features),
                    ) for _ in range(2)
                ]
            ]
        )
        self.logits = linen.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(features),
        )
        self.extra = linen.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(features),
        )
        # computed from a local the constructor computes: stays, reported
        bound = 1 / math.sqrt(features)
        # switcheroo: SWR3015 torch.nn.init.constant_ not converted: its argument 'val' (-math.log((1 -...
        nn.init.constant_(self.logits.bias, -math.log((1 - prior) / prior) * bound)
        # a mean other than 0 has no Flax normal initializer
        # switcheroo: SWR3015 torch.nn.init.normal_ not converted: its argument 'mean' (1.0) has no Flax...
        nn.init.normal_(self.extra.weight, mean=1.0, std=0.1)

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Linear",
                weight=linen.initializers.variance_scaling(1.0, "fan_avg", "uniform"),
            )
        ]
    )
    def __call__(self, x):
        return self.logits(self.layers(x)) + self.extra(x)


class Probe(linen.Module):
    features: typing.Any

    def setup(self):
        features = self.features
        self.hidden = linen.Dense(
            features=features,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(features),
        )
        self.out = linen.Dense(
            features=1,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(features),
        )
        # switcheroo: SWR3001 torch.nn.Linear.spread has no mapping: a Flax layer holds no weights (they...
        self.out.spread = 0.005
        # the standard deviation is an attribute of single layers, which a Flax layer cannot carry: reported
        # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
        for layer in self.modules():
            # switcheroo: SWR3003 torch.nn.Linear in an isinstance/issubclass test is not converted: the...
            if isinstance(layer, nn.Linear):
                spread = getattr(layer, "spread", 0.2)
                # switcheroo: SWR3015 torch.nn.init.trunc_normal_ not converted: the branch reads layer.spread...
                nn.init.trunc_normal_(layer.weight, std=spread, a=-0.5, b=0.5)

    def __call__(self, x):
        return self.out(self.hidden(x))


class Stem(linen.Module):
    patch: typing.Any
    stacked: bool = False

    def setup(self):
        patch = self.patch
        stacked = self.stacked
        if stacked:
            self.proj = linen.Sequential(
                [
                    switcheroo_runtime.ChannelsFirst(
                        linen.Conv(
                            features=8,
                            kernel_size=(3, 3),
                            padding=1,
                            kernel_init=switcheroo_runtime.torch_kernel_init,
                            bias_init=switcheroo_runtime.torch_bias_init(3, (3, 3)),
                        )
                    ),
                    switcheroo_runtime.ChannelsFirst(
                        linen.Conv(
                            features=8,
                            kernel_size=switcheroo_runtime.size_tuple(patch, 2),
                            strides=patch,
                            padding='VALID',
                            kernel_init=switcheroo_runtime.torch_kernel_init,
                            bias_init=switcheroo_runtime.torch_bias_init(
                                8, switcheroo_runtime.size_tuple(patch, 2)
                            ),
                        )
                    ),
                ]
            )
        else:
            self.proj = switcheroo_runtime.ChannelsFirst(
                linen.Conv(
                    features=8,
                    kernel_size=switcheroo_runtime.size_tuple(patch, 2),
                    strides=patch,
                    padding='VALID',
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(
                        3, switcheroo_runtime.size_tuple(patch, 2)
                    ),
                )
            )
        # under a test of what the module holds, which the conversion does not decide: reported
        # switcheroo: SWR3003 torch.nn.Conv2d in an isinstance/issubclass test is not converted: the...
        if isinstance(self.proj, nn.Conv2d):
            # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: it runs under 'if isinstance(self.proj...
            nn.init.zeros_(self.proj.bias)

    def __call__(self, x):
        return self.proj(x)


def weights_init(m):
    # switcheroo: SWR3003 torch.nn.Linear in an isinstance/issubclass test is not converted: the...
    if isinstance(m, nn.Linear):
        # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: torch initialises this parameter in...
        nn.init.zeros_(m.weight)


net = Head(4, 2)
# switcheroo: SWR3002 torch.nn.Module.apply is not converted: fn would change weights in place; a...
net.apply(weights_init)
