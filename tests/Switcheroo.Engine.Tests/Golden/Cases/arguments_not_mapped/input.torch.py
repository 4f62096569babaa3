import torch


def f(x, y, dims):
    a = torch.sum(x, 1, out=y)
    b = torch.cat(*dims)
    c = torch.nn.functional.pad(x, (1, 1), mode=mode(x))
    d = torch.nn.functional.softplus(x, beta=2)
    e = torch.nn.functional.softplus(x, beta=1)
    return a, b, c, d, e, torch.float32(3)
