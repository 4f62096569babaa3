import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim


class Generator(nn.Module):
    def __init__(self, nz=8, hidden=32, out=2):
        super().__init__()
        self.fc1 = nn.Linear(nz, hidden)
        self.bn = nn.BatchNorm1d(hidden)
        self.fc2 = nn.Linear(hidden, out)

    def forward(self, z):
        return torch.tanh(self.fc2(F.relu(self.bn(self.fc1(z)))))


class Critic(nn.Module):
    def __init__(self, features=2, hidden=32):
        super().__init__()
        self.fc1 = nn.Linear(features, hidden)
        self.bn = nn.BatchNorm1d(hidden)
        self.drop = nn.Dropout(0.3)
        self.fc2 = nn.Linear(hidden, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc2(self.drop(F.leaky_relu(self.bn(self.fc1(x)), 0.2))))


def fit_gan(points, epochs=20, batch=64, nz=8):
    """The alternating step: the critic on real and detached generated points, then the generator."""
    torch.manual_seed(7)
    gen = Generator(nz)
    critic = Critic()
    g_opt = optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.999))
    c_opt = optim.Adam(critic.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCELoss()
    real_label = torch.ones(batch, 1)
    fake_label = torch.zeros(batch, 1)
    for epoch in range(epochs):
        for real in points:
            noise = torch.randn(batch, nz)
            # the critic, real against generated
            c_opt.zero_grad()
            real_loss = bce(critic(real), real_label)
            fake_loss = bce(critic(gen(noise).detach()), fake_label)
            c_loss = real_loss + fake_loss
            c_loss.backward()
            c_opt.step()
            # the generator, judged by the updated critic
            gen.zero_grad()
            g_loss = bce(critic(gen(noise)), real_label)
            g_loss.backward()
            g_opt.step()
        print(epoch, c_loss.item(), g_loss.item())
    gen.eval()
    with torch.no_grad():
        samples = gen(torch.randn(256, nz))
    return samples


class DroppingGenerator(nn.Module):
    def __init__(self, nz=8, hidden=32, out=2):
        super().__init__()
        self.fc1 = nn.Linear(nz, hidden)
        self.drop = nn.Dropout(0.2)
        self.fc2 = nn.Linear(hidden, out)

    def forward(self, z):
        return self.fc2(self.drop(F.relu(self.fc1(z))))


def dcgan_style(loader, nz=8):
    """PyTorch's DCGAN loop: two backward() calls in the critic's step, and the generated batch of the
    critic's loss read again by the generator's, which computes it again from the step's start."""
    torch.manual_seed(3)
    netG = Generator(nz)
    netD = Critic()
    optG = optim.Adam(netG.parameters(), lr=2e-4)
    optD = optim.Adam(netD.parameters(), lr=2e-4)
    criterion = nn.BCELoss()
    for real in loader:
        noise = torch.randn(real.shape[0], nz)
        netD.zero_grad()
        errD_real = criterion(netD(real), torch.ones(real.shape[0], 1))
        errD_real.backward()
        fake = netG(noise)
        errD_fake = criterion(netD(fake.detach()), torch.zeros(real.shape[0], 1))
        errD_fake.backward()
        optD.step()
        netG.zero_grad()
        errG = criterion(netD(fake), torch.ones(real.shape[0], 1))
        errG.backward()
        optG.step()


def shared_fake(loader, nz=8):
    """The generated batch computed in the first loss and reused by the second, by a generator with
    dropout: computed again with the dropout keys of the first loss."""
    torch.manual_seed(0)
    G = DroppingGenerator(nz)
    D = Critic()
    opt_g = optim.SGD(G.parameters(), lr=0.01)
    opt_d = optim.SGD(D.parameters(), lr=0.01)
    ones = torch.ones(16, 1)
    zeros = torch.zeros(16, 1)
    for real in loader:
        z = torch.randn(16, nz)
        opt_d.zero_grad()
        fake = G(z)
        loss_d = F.binary_cross_entropy(D(real), ones) + F.binary_cross_entropy(D(fake.detach()), zeros)
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = F.binary_cross_entropy(D(fake), ones)
        loss_g.backward()
        opt_g.step()


def generator_first(loader, nz=8):
    """The generator's half first: the critic's first call judges the generator's output; its variables
    come from its call on the batch, D(real)."""
    torch.manual_seed(1)
    G = Generator(nz)
    D = Critic()
    opt_g = optim.SGD(G.parameters(), lr=0.01)
    opt_d = optim.SGD(D.parameters(), lr=0.01)
    for real in loader:
        z = torch.randn(16, nz)
        G.zero_grad()
        loss_g = -D(G(z)).mean()
        loss_g.backward()
        opt_g.step()
        D.zero_grad()
        loss_d = D(G(z).detach()).mean() - D(real).mean()
        loss_d.backward()
        opt_d.step()


def generator_first_shared(loader, nz=8):
    """The generator's half first, its generated batch judged again, detached, in the critic's loss:
    the value the first loss computed is passed on (the critic's gradient does not go through it)."""
    torch.manual_seed(5)
    generator = Generator(nz)
    critic = Critic()
    optimizer_g = optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optimizer_c = optim.Adam(critic.parameters(), lr=2e-4, betas=(0.5, 0.999))
    loss_fn = nn.BCELoss()
    for real in loader:
        valid = torch.ones(real.shape[0], 1)
        invalid = torch.zeros(real.shape[0], 1)
        z = torch.randn(real.shape[0], nz)
        optimizer_g.zero_grad()
        generated = generator(z)
        g_loss = loss_fn(critic(generated), valid)
        g_loss.backward()
        optimizer_g.step()
        optimizer_c.zero_grad()
        real_loss = loss_fn(critic(real), valid)
        fake_loss = loss_fn(critic(generated.detach()), invalid)
        c_loss = (real_loss + fake_loss) / 2
        c_loss.backward()
        optimizer_c.step()


def generated_before_the_step(loader, nz=8):
    """The generator called before the critic's zero_grad(): the first statement of the critic's loss,
    computed again in the generator's."""
    torch.manual_seed(2)
    G = Generator(nz)
    D = Critic()
    opt_g = optim.SGD(G.parameters(), lr=0.01)
    opt_d = optim.SGD(D.parameters(), lr=0.01)
    for real in loader:
        z = torch.randn(16, nz)
        fake = G(z)
        opt_d.zero_grad()
        loss_d = D(fake.detach()).mean() - D(real).mean()
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = -D(fake).mean()
        loss_g.backward()
        opt_g.step()


def shared_from_the_critic(loader, nz=8):
    """The second loss reads, detached, what the critic computed before its step: passed on."""
    torch.manual_seed(4)
    G = Generator(nz)
    D = Critic()
    opt_g = optim.SGD(G.parameters(), lr=0.01)
    opt_d = optim.SGD(D.parameters(), lr=0.01)
    for real in loader:
        z = torch.randn(16, nz)
        opt_d.zero_grad()
        score = D(real)
        loss_d = -score.mean() + D(G(z).detach()).mean()
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = -D(G(z)).mean() + 0.1 * score.detach().mean()
        loss_g.backward()
        opt_g.step()


def noise_in_the_generated_batch(loader, nz=8):
    """The generator called on a draw before the critic's zero_grad(): the draw stays before the step,
    which a compiled step cannot make; reported."""
    torch.manual_seed(6)
    G = Generator(nz)
    D = Critic()
    opt_g = optim.SGD(G.parameters(), lr=0.01)
    opt_d = optim.SGD(D.parameters(), lr=0.01)
    for real in loader:
        fake = G(torch.randn(16, nz))
        opt_d.zero_grad()
        loss_d = D(fake.detach()).mean() - D(real).mean()
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = -D(fake).mean()
        loss_g.backward()
        opt_g.step()
