"""An init loop over self.modules() whose class stores a module its caller built.

torch's loop reaches the layers of that module too (the backbone's convolution here), which the
converted class cannot see when it is written: the loop is applied when the model initialises,
where the runtime walks the modules that exist.
"""
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Classifier(nn.Module):
    backbone: nn.Module
    width: int
    classes: int

    def setup(self):
        width = self.width
        classes = self.classes
        self.fc = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    @switcheroo_runtime.torch_init(
        [
            switcheroo_runtime.init_branch(
                "torch.nn.Conv2d", weight=nn.initializers.variance_scaling(2.0, "fan_out", "normal")
            ),
            switcheroo_runtime.init_branch("torch.nn.Linear", bias=nn.initializers.zeros),
        ]
    )
    def __call__(self, x):
        return self.fc(self.backbone(x))


class Tagger(nn.Module):
    """A stored argument that is a plain value: the loop reaches only the class's own layers."""

    scale: float
    classes: int

    def setup(self):
        classes = self.classes
        self.fc = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=nn.initializers.zeros,
        )

    def __call__(self, x):
        return self.fc(x) * self.scale


def build(classes):
    stem = nn.Sequential(
        [
            switcheroo_runtime.ChannelsFirst(
                nn.Conv(
                    features=6,
                    kernel_size=(3, 3),
                    padding='VALID',
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(3, (3, 3)),
                )
            ),
            nn.relu,
            lambda x: switcheroo_runtime.adaptive_avg_pool(x, 1),
            lambda x: jnp.reshape(x, x.shape[:1] + (-1,)),
        ]
    )
    return Classifier(stem, 6, classes)
