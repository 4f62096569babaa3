# Functions that walk a model's children (torchvision's quantization/utils.py): a Flax module has no
# named_children, _modules or training, and a converted activation is a function that no type test
# matches; each is reported, where it was converted without a warning.
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


def replace_relu(module: linen.Module) -> None:
    reassign = {}
    # switcheroo: SWR3002 torch.nn.Module.named_children is not converted: a Flax module's submodules...
    for name, mod in module.named_children():
        replace_relu(mod)
        # switcheroo: SWR3003 torch.nn.ReLU in a comparison with type(...) is not converted: the layer it...
        # switcheroo: SWR3003 torch.nn.ReLU6 in a comparison with type(...) is not converted: the layer...
        if type(mod) is nn.ReLU or type(mod) == nn.ReLU6:
            reassign[name] = linen.relu
    for key, value in reassign.items():
        # switcheroo: SWR3001 torch.nn.Module._modules has no mapping: a Flax layer holds no weights...
        module._modules[key] = value


def is_training(model: linen.Module) -> bool:
    # Python's own attributes are every object's.
    print(model.__class__.__name__)
    # switcheroo: SWR3001 torch.nn.Module.training has no mapping: a Flax layer holds no weights...
    return model.training


class Net(linen.Module):
    def setup(self):
        self.fc = linen.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )
        self.act = linen.relu

    def __call__(self, x):
        return self.act(self.fc(x))
