import jax
import switcheroo_runtime
import torch

activation = jax.nn.relu
smooth = switcheroo_runtime.gelu
gates = (jax.nn.silu, jax.nn.hard_swish)
rectify = jax.nn.relu
# switcheroo: SWR3003 torch.zeros is used without a call, so it cannot be converted; kept as is
make = torch.zeros
# switcheroo: SWR3003 torch.Tensor.view is used without a call, so it cannot be converted; kept...
reshape = torch.Tensor.view
# switcheroo: SWR3003 torch.Tensor.add_ is used without a call, so it cannot be converted; kept...
add_in_place = torch.Tensor.add_
# switcheroo: SWR3003 torch.Tensor.to is used without a call, so it cannot be converted; kept as is
move = torch.Tensor.to


def apply(x):
    # switcheroo: SWR3003 torch.Tensor.add_(...) is called through its class, not on a tensor; kept...
    total = torch.Tensor.add_(x, 1)
    return activation(total), smooth(x), smooth(x, approximate="tanh"), gates[0](x) + gates[1](x), rectify(x), make(2, 3), reshape(x, 4), move
