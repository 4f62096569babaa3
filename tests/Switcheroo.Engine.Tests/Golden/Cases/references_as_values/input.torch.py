import torch
import torch.nn.functional as F

activation = F.relu
smooth = F.gelu
gates = (F.silu, F.hardswish)
rectify = torch.relu
make = torch.zeros
reshape = torch.Tensor.view
add_in_place = torch.Tensor.add_
move = torch.Tensor.to


def apply(x):
    total = torch.Tensor.add_(x, 1)
    return activation(total), smooth(x), smooth(x, approximate="tanh"), gates[0](x) + gates[1](x), rectify(x), make(2, 3), reshape(x, 4), move
