import torch
from torch.utils.data import DataLoader


def run(data):
    loader = DataLoader(data, batch_size=4)
    spectrum = torch.fft.fft(data)
    return loader, torch.relu(spectrum)


def adjacency(edges, n):
    # A call that stays torch keeps its arguments torch too: no jnp.ones inside torch's call.
    return torch.sparse_coo_tensor(edges.T, torch.ones(edges.shape[0]), (n, n), dtype=torch.float32)


class ClampGrad(torch.autograd.Function):
    # A class deriving from a torch class without a map stays torch code whole: its body is not
    # converted to jax.numpy inside a class that is still torch's.
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.clamp(x, 0.0, 1.0)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ((x >= 0) & (x <= 1)).float()
