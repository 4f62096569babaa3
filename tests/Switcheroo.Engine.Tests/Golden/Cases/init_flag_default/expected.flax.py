import warnings

import typing
import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


def stage(cin, cout):
    return linen.Sequential(
        [
            switcheroo_runtime.ChannelsFirst(
                linen.Conv(
                    features=cout,
                    kernel_size=(3, 3),
                    padding=1,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(cin, (3, 3)),
                )
            ),
            linen.relu,
        ]
    )


class Stacked(linen.Module):
    classes: int = 5
    reset: typing.Any = None

    def setup(self):
        classes = self.classes
        reset = self.reset
        if reset is None:
            warnings.warn("reset will default to False later", FutureWarning)
            reset = True
        self.body = linen.Sequential([*[stage(3 if i == 0 else 8, 8) for i in range(2)]])
        self.fc = linen.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )
        # None means True: the constructor said so above

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d", "torch.nn.Linear", weight=linen.initializers.normal(stddev=0.02)
            )
        ],
        when="reset",
        when_none=True,
    )
    def __call__(self, x):
        return self.fc(jnp.mean(self.body(x), axis=(2, 3)))


class Flipped(linen.Module):
    reset: bool = True

    def setup(self):
        reset = self.reset
        self.body = linen.Sequential([*[stage(3, 8)]])
        if reset:
            # switcheroo: SWR3002 torch.nn.Module.modules is not converted: a Flax module's submodules exist...
            for m in self.modules():
                # switcheroo: SWR3003 torch.nn.Conv2d in an isinstance/issubclass test is not converted: the...
                if isinstance(m, nn.Conv2d):
                    # switcheroo: SWR3015 torch.nn.init.zeros_ not converted: torch initialises this parameter in...
                    nn.init.zeros_(m.bias)
        # rebinding after the loop: the field does not say what the loop saw
        if reset is None:
            reset = False

    def __call__(self, x):
        return self.body(x)
