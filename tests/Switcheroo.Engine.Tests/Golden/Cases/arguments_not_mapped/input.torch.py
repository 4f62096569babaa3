import torch


def f(x, y, dims):
    a = torch.sum(x, 1, out=y)
    b = torch.cat(*dims)
    c = torch.nn.functional.gelu(x, approximate=mode(x))
    return a, b, c, torch.float32(3)
