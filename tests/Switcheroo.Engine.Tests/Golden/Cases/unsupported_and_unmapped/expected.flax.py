import jax
import torch
from torch.utils.data import DataLoader


def run(data):
    # switcheroo: SWR3002 torch.utils.data.DataLoader is not converted: data pipelines are not converted; use a numpy batch iterator, tf.data or grain
    loader = DataLoader(data, batch_size=4)
    # switcheroo: SWR3001 torch.fft.fft has no mapping; kept as is
    spectrum = torch.fft.fft(data)
    return loader, jax.nn.relu(spectrum)
