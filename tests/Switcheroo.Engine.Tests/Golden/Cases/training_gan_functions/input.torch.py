"""Alternating (GAN) steps in functions that receive both models and both optimizers.

The caller builds the generator, the critic and their optimizers and calls the epoch function once per
epoch. A Linen module holds no weights, so the converted function takes both models' variables, both
optimizer states and the key, and returns them; every call passes them and takes them back, and the
caller starts them at None (the first batch creates them).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim


class Sampler(nn.Module):
    def __init__(self, latent=4, width=16, points=2):
        super().__init__()
        self.inp = nn.Linear(latent, width, bias=False)
        self.norm = nn.BatchNorm1d(width)
        self.out = nn.Linear(width, points)

    def forward(self, code):
        return torch.tanh(self.out(F.relu(self.norm(self.inp(code)))))


class Judge(nn.Module):
    def __init__(self, points=2, width=16):
        super().__init__()
        self.inp = nn.Linear(points, width)
        self.drop = nn.Dropout(0.1)
        self.out = nn.Linear(width, 1)

    def forward(self, x):
        return torch.sigmoid(self.out(self.drop(F.leaky_relu(self.inp(x), 0.2))))


def gan_epoch(sampler, judge, sampler_opt, judge_opt, batches, epoch):
    sampler.train()
    judge.train()
    for i, (real, code) in enumerate(batches):
        # the judge first, on real points and detached samples
        judge_opt.zero_grad()
        judged_real = F.binary_cross_entropy(judge(real), torch.ones(real.shape[0], 1))
        judged_fake = F.binary_cross_entropy(judge(sampler(code).detach()), torch.zeros(real.shape[0], 1))
        judge_loss = judged_real + judged_fake
        judge_loss.backward()
        judge_opt.step()
        # then the sampler, judged by the updated judge
        sampler_opt.zero_grad()
        sampler_loss = F.binary_cross_entropy(judge(sampler(code)), torch.ones(real.shape[0], 1))
        sampler_loss.backward()
        sampler_opt.step()
        if i % 10 == 0:
            print(epoch, i, judge_loss.item(), sampler_loss.item())


def fit(batches, codes, epochs=5):
    torch.manual_seed(11)
    sampler = Sampler()
    judge = Judge()
    sampler_opt = optim.Adam(sampler.parameters(), lr=1e-3, betas=(0.5, 0.999))
    judge_opt = optim.Adam(judge.parameters(), lr=1e-3, betas=(0.5, 0.999))
    for epoch in range(epochs):
        gan_epoch(sampler, judge, sampler_opt, judge_opt, batches, epoch=epoch)
    sampler.eval()
    with torch.no_grad():
        return sampler(codes)


def last_step(G, D, opt_g, opt_d, batches):
    """The step ends the function: the state goes back to the callers from the loop's end."""
    for real, z in batches:
        opt_d.zero_grad()
        loss_d = D(G(z).detach()).mean() - D(real).mean()
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = -D(G(z)).mean()
        loss_g.backward()
        opt_g.step()


def fit_without_seed(batches):
    G = Sampler()
    D = Judge()
    G.train()
    opt_g = optim.SGD(G.parameters(), lr=0.01)
    opt_d = optim.SGD(D.parameters(), lr=0.01)
    last_step(G, D, opt_g, opt_d, batches)
    last_step(G, D, opt_g, opt_d, batches)


def epoch_with_losses(G, D, opt_g, opt_d, batches):
    """Returns its last losses: the variables cannot be returned with them; reported."""
    for real, z in batches:
        opt_d.zero_grad()
        loss_d = D(G(z).detach()).mean() - D(real).mean()
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = -D(G(z)).mean()
        loss_g.backward()
        opt_g.step()
    return loss_d.item(), loss_g.item()


def fit_with_losses(batches):
    torch.manual_seed(2)
    G = Sampler()
    D = Judge()
    opt_g = optim.SGD(G.parameters(), lr=0.01)
    opt_d = optim.SGD(D.parameters(), lr=0.01)
    print(epoch_with_losses(G, D, opt_g, opt_d, batches))


def half_received(G, D, opt_g, batches):
    """The generator's optimizer received, the critic's built here: reported."""
    opt_d = optim.SGD(D.parameters(), lr=0.01)
    for real, z in batches:
        opt_d.zero_grad()
        loss_d = D(G(z).detach()).mean() - D(real).mean()
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = -D(G(z)).mean()
        loss_g.backward()
        opt_g.step()


def fit_half(batches):
    torch.manual_seed(3)
    G = Sampler()
    D = Judge()
    opt_g = optim.SGD(G.parameters(), lr=0.01)
    half_received(G, D, opt_g, batches)


def judge_only(D, opt_d, labelled):
    """One model's step, training the critic an alternating step of the same callers trains too."""
    for x, target in labelled:
        opt_d.zero_grad()
        loss = F.binary_cross_entropy(D(x), target)
        loss.backward()
        opt_d.step()


def gan_shared(G, D, opt_g, opt_d, batches):
    for real, z in batches:
        opt_d.zero_grad()
        loss_d = D(G(z).detach()).mean() - D(real).mean()
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = -D(G(z)).mean()
        loss_g.backward()
        opt_g.step()


def fit_shared(batches, labelled):
    """D trained by both functions: its variables would be kept twice; both reported."""
    torch.manual_seed(4)
    G = Sampler()
    D = Judge()
    opt_g = optim.SGD(G.parameters(), lr=0.01)
    opt_d = optim.SGD(D.parameters(), lr=0.01)
    gan_shared(G, D, opt_g, opt_d, batches)
    judge_only(D, opt_d, labelled)
