"""Trains the ConvNet on random data: optimizer, loss, backward pass."""
import torch
import torch.nn.functional as F

from cnn import ConvNet


def train(steps: int = 100, batch: int = 32, lr: float = 1e-3):
    model = ConvNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for step in range(steps):
        images = torch.randn(batch, 1, 28, 28)
        labels = torch.randint(0, 10, (batch,))
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
    torch.save(model.state_dict(), "convnet.pt")
    return model
