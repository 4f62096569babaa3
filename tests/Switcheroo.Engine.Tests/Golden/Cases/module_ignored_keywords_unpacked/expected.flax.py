import typing
import dataclasses
import jax
import flax.linen as nn
import switcheroo_runtime


# **extra is never read: torch takes the keys that name its arguments and ignores the rest.
class Classifier(nn.Module):
    features: typing.Any
    hidden: int = 16
    classes: int = 4
    _: dataclasses.KW_ONLY
    scale: float = 1.0

    def setup(self):
        features = self.features
        hidden = self.hidden
        classes = self.classes
        self.body = nn.Dense(
            features=hidden,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(features),
        )
        self.head = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(hidden),
        )

    def __call__(self, x):
        return self.head(jax.nn.relu(self.body(x))) * self.scale


# Built by Classifier's constructor, which ignores extra keywords for it too.
class WideClassifier(Classifier):
    pass


# A builder in the shape model zoos use: its options go to the model whole, whatever they hold
# (a `weights` or `progress` key the model never took, `name` included).
def build_classifier(features, **options):
    model = Classifier(
        features,
        **switcheroo_runtime.constructor_keywords(
            options, ("features", "hidden", "classes", "scale")
        ),
    )
    return model


def build_wide(features, hidden, **options):
    return WideClassifier(
        features,
        hidden,
        classes=3,
        **switcheroo_runtime.constructor_keywords(
            options, ("features", "hidden", "classes", "scale")
        ),
    )


# *rest alone is ignored: torch rejects an unknown keyword here, so **options stays reported.
class Stack(nn.Module):
    width: typing.Any

    def setup(self):
        width = self.width
        self.fc = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        return self.fc(x)


def build_stack(width, **options):
    # switcheroo: SWR3003 Stack's torch constructor ignored what its *rest caught, and the Flax...
    return Stack(width, **options)


# A keyword torch ignored, written out: reported, as before.
def build_with_extra(features, **options):
    # switcheroo: SWR3003 Classifier's torch constructor ignored what its **extra caught, and the...
    return Classifier(features, momentum=0.9, **options)
