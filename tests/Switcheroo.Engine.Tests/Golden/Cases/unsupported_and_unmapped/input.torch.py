import torch
from torch.utils.data import DataLoader


def run(data):
    loader = DataLoader(data, batch_size=4)
    spectrum = torch.fft.fft(data)
    return loader, torch.relu(spectrum)
