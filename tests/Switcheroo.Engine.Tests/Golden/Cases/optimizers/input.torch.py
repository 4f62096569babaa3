import torch
from torch import optim


def make_optimizers(model, betas):
    adam = torch.optim.Adam(model.parameters(), lr=3e-4, betas=(0.9, 0.98), eps=1e-9)
    l2 = optim.Adam(model.parameters(), 1e-3, weight_decay=1e-4)
    decoupled = optim.AdamW(model.parameters(), lr=1e-3, betas=betas)
    sgd = optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
    rms = optim.RMSprop(model.parameters(), lr=1e-3, momentum=0.9)
    ada = optim.Adagrad(model.parameters())
    delta = optim.Adadelta(model.parameters(), weight_decay=1e-4)
    groups = optim.SGD([{"params": model.head.parameters(), "lr": 1e-2}], lr=1e-3)
    odd = optim.SGD(model.parameters(), lr=0.1, dampening=0.5)
    lbfgs = optim.LBFGS(model.parameters())
    return adam, l2, decoupled, sgd, rms, ada, delta, groups, odd, lbfgs


def train_once(model, env):
    opt = optim.SGD(model.parameters(), lr=0.1)
    opt.step()
    env.step()
