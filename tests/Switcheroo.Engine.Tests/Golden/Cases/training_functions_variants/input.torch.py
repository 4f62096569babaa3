"""Training in functions that receive the model and the optimizer: variants that convert, and
shapes that are reported and stay torch code (docs/training.md, "Training in functions")."""
import torch.nn as nn
import torch.nn.functional as F
from torch import optim


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


def fit_epoch(net, opt, batches):
    # The step ends the function; no BatchNorm or Dropout: the state is params, opt_state and the key.
    for x, y in batches:
        opt.zero_grad()
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()


def evaluate(net, batches):
    # Returns a value of its own: an evaluation function only takes the variables.
    total = 0.0
    for x, y in batches:
        total += F.cross_entropy(net(x), y).item()
    return total


def run(batches, epochs):
    # No seed here: the key starts from jax.random.PRNGKey(0). Keyword arguments, several calls.
    net = MLP()
    opt = optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    fit_epoch(net, opt, batches=batches)
    for _ in range(epochs):
        fit_epoch(net=net, opt=opt, batches=batches)
    print(evaluate(net, batches))
    return net


def train_returning(model, optimizer, batches):
    # Returns a value of its own: the state cannot go back with it (reported, kept).
    for x, y in batches:
        optimizer.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()


def caller_returning(batches):
    model = MLP()
    optimizer = optim.Adam(model.parameters())
    print(train_returning(model, optimizer, batches))


def train_passed(model, optimizer, batches):
    # Passed as a value: not every call is visible (reported, kept).
    for x, y in batches:
        optimizer.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()


def caller_passing(batches, jobs):
    model = MLP()
    optimizer = optim.Adam(model.parameters())
    jobs.append(train_passed)
    train_passed(model, optimizer, batches)


def train_plain(model, optimizer, batches):
    for x, y in batches:
        optimizer.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()


def show(model, batches):
    # Called before training too: its model has no variables there (reported, kept).
    for x, _ in batches:
        print(model(x))


def caller_showing(batches):
    model = MLP()
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    show(model, batches)
    train_plain(model, optimizer, batches)
    show(model, batches)


def warm_up(model, optimizer, batches):
    for x, y in batches:
        optimizer.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()


def train_more(model, optimizer, batches):
    for x, y in batches:
        optimizer.zero_grad()
        loss = F.l1_loss(model(x), y)
        loss.backward()
        optimizer.step()


def caller_two_trainers(batches):
    # Two functions train the same model: its variables would be kept twice (reported, kept).
    model = MLP()
    optimizer = optim.Adam(model.parameters())
    warm_up(model, optimizer, batches)
    train_more(model, optimizer, batches)
