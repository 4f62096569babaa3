import torch
import torch.nn as nn
import torch.nn.functional as F


class VAE(nn.Module):
    def __init__(self, features=784, latent=16):
        super().__init__()
        self.encoder = nn.Linear(features, 2 * latent)
        self.decoder = nn.Linear(latent, features)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        mean, log_var = self.encoder(self.drop(x)).chunk(2, dim=-1)
        z = mean + torch.exp(0.5 * log_var) * torch.randn_like(mean)
        return torch.sigmoid(self.decoder(z)), mean, log_var


def train(loader, epochs=10):
    torch.manual_seed(0)
    model = VAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for x in loader:
            optimizer.zero_grad()
            recon, mean, log_var = model(x)
            kl = -0.5 * torch.sum(1 + log_var - mean ** 2 - log_var.exp())
            loss = F.binary_cross_entropy(recon, x, reduction="sum") + kl
            loss.backward()
            optimizer.step()
    model.eval()
    return model(x)


def sample(path, x):
    model = VAE()
    model.load_state_dict(torch.load(path))
    model.eval()
    return model(x)
