import torch
from torch.utils.data import DataLoader


def run(data):
    loader = DataLoader(data, batch_size=4)
    spectrum = torch.fft.fft(data)
    return loader, torch.relu(spectrum)


def adjacency(edges, n):
    # A call that stays torch keeps its arguments torch too: no jnp.ones inside torch's call.
    return torch.sparse_coo_tensor(edges.T, torch.ones(edges.shape[0]), (n, n), dtype=torch.float32)
