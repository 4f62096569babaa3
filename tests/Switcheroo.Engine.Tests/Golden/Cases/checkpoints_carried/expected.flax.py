import jax
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Encoder(linen.Module):
    width: int = 16
    classes: int = 4
    train: bool = True

    def setup(self):
        width = self.width
        classes = self.classes
        self.body = linen.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )
        self.norm = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.out = linen.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        return self.out(jax.nn.relu(self.norm(self.body(x))))


# switcheroo: SWR3006 class Kept is not converted to a Flax module: its constructor reads *dims...
class Kept(nn.Module):
    def __init__(self, *dims):
        super().__init__()
        self.fc = nn.Linear(dims[0], dims[1])

    def forward(self, x):
        return self.fc(x)


# A builder: the returned model carries the weights to whoever initialises it.
def encoder(checkpoint=None, **kwargs):
    model = Encoder(**kwargs)
    if checkpoint is not None:
        model = switcheroo_runtime.with_state_dict(
            model, switcheroo_runtime.load_checkpoint(checkpoint)
        )
    return model


def encoder_for_eval(state_dict):
    net = Encoder(width=32)
    net = switcheroo_runtime.with_state_dict(net, state_dict, strict=False)
    net = net.clone(train=False)
    return net


def restore(model, path):
    # switcheroo: SWR3002 load_state_dict is not converted: 'model' is a parameter of restore()...
    model.load_state_dict(switcheroo_runtime.load_checkpoint(path))


def aliased(path):
    model = Encoder()
    models = [model]
    # switcheroo: SWR3002 load_state_dict is not converted: 'model' is read before it (line 46), and...
    model.load_state_dict(switcheroo_runtime.load_checkpoint(path))
    return models


def kept(path):
    model = Kept(8, 2)
    # switcheroo: SWR3002 load_state_dict is not converted: 'model' is not called after it in this...
    model.load_state_dict(switcheroo_runtime.load_checkpoint(path))
    return model


def built_elsewhere(factory, path):
    model = factory()
    # switcheroo: SWR3002 load_state_dict is not converted: 'model' is not called after it in this...
    model.load_state_dict(switcheroo_runtime.load_checkpoint(path))
    return model
