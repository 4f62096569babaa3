import jax
import switcheroo_runtime
import torch
from torch.utils.data import DataLoader


def run(data):
    loader = DataLoader(data, batch_size=4, collate_fn=switcheroo_runtime.NumpyCollate())
    # switcheroo: SWR3001 torch.fft.fft has no mapping; kept as is
    spectrum = torch.fft.fft(data)
    return loader, jax.nn.relu(spectrum)


def adjacency(edges, n):
    # A call that stays torch keeps its arguments torch too: no jnp.ones inside torch's call.
    # switcheroo: SWR3001 torch.sparse_coo_tensor has no mapping; kept as is
    return torch.sparse_coo_tensor(edges.T, torch.ones(edges.shape[0]), (n, n), dtype=torch.float32)


# switcheroo: SWR3006 class ClampGrad derives from torch.autograd.Function, which has no mapping...
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
