import jax
import torch


def f(x, y, dims):
    # switcheroo: SWR3003 torch.sum(...) not converted: keyword argument 'out' is not in the mapped...
    a = torch.sum(x, 1, out=y)
    # switcheroo: SWR3003 torch.cat(...) not converted: arguments unpacked with * or ** (or a...
    b = torch.cat(*dims)
    # switcheroo: SWR3003 torch.nn.functional.gelu(...) not converted: the value of 'approximate'...
    c = torch.nn.functional.gelu(x, approximate=mode(x))
    # switcheroo: SWR3003 torch.nn.functional.softplus(...) not converted: the value of 'beta' (2)...
    d = torch.nn.functional.softplus(x, beta=2)
    e = jax.nn.softplus(x)
    # switcheroo: SWR3003 torch.float32 is mapped as a constant, not a function; this call is kept as is
    return a, b, c, d, e, torch.float32(3)
