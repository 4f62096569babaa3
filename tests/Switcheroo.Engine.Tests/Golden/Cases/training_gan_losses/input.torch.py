"""A GAN whose discriminator step calls backward() once per loss, as PyTorch's DCGAN example does:
torch adds the gradients of both into .grad before opt_d.step(), the gradient of their sum."""
import torch
import torch.nn as nn
from torch import optim

LATENT = 8


class Generator(nn.Module):
    def __init__(self, features: int = 16) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Linear(LATENT, 32, bias=False), nn.BatchNorm1d(32), nn.ReLU(), nn.Linear(32, features), nn.Tanh())

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)


class Critic(nn.Module):
    def __init__(self, features: int = 16) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Linear(features, 32), nn.LeakyReLU(0.2), nn.Linear(32, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def fit(batches, epochs: int = 3):
    torch.manual_seed(7)
    gen = Generator()
    critic = Critic()
    gen_opt = optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.999))
    critic_opt = optim.Adam(critic.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        for real in batches:
            noise = torch.randn(real.shape[0], LATENT)
            valid = torch.ones(real.shape[0], 1)
            fake_label = torch.zeros(real.shape[0], 1)
            critic_opt.zero_grad()
            err_real = bce(critic(real), valid)
            err_real.backward()
            err_fake = bce(critic(gen(noise).detach()), fake_label)
            err_fake.backward()
            critic_opt.step()
            gen_opt.zero_grad()
            err_gen = bce(critic(gen(noise)), valid)
            err_gen.backward()
            gen_opt.step()
            print(epoch, (err_real + err_fake).item(), err_gen.item())
    gen.eval()
    return gen(torch.randn(4, LATENT))
