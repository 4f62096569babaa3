# Functions that walk a model's children (torchvision's quantization/utils.py): a Flax module has no
# named_children, _modules or training, and a converted activation is a function that no type test
# matches; each is reported, where it was converted without a warning.
import torch.nn as nn


def replace_relu(module: nn.Module) -> None:
    reassign = {}
    for name, mod in module.named_children():
        replace_relu(mod)
        if type(mod) is nn.ReLU or type(mod) == nn.ReLU6:
            reassign[name] = nn.ReLU(inplace=False)
    for key, value in reassign.items():
        module._modules[key] = value


def is_training(model: nn.Module) -> bool:
    # Python's own attributes are every object's.
    print(model.__class__.__name__)
    return model.training


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.fc(x))
