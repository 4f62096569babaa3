import jax
import switcheroo_runtime
import torch


def f(x, y, dims):
    # switcheroo: SWR3003 torch.sum(...) not converted: keyword argument 'out' is not in the mapped...
    a = torch.sum(x, 1, out=y)
    # switcheroo: SWR3003 torch.cat(...) not converted: arguments unpacked with * or ** (or a...
    b = torch.cat(*dims)
    c = switcheroo_runtime.pad(x, (1, 1), mode=mode(x))
    d = switcheroo_runtime.softplus(x, beta=2)
    e = jax.nn.softplus(x)
    # switcheroo: SWR3003 torch.float32 is mapped as a constant, not a function; this call is kept as is
    return a, b, c, d, e, torch.float32(3)
