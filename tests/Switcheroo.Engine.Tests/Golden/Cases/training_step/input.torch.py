import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim


class Net(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.drop = nn.Dropout(0.5)
        self.fc = nn.Linear(8, classes)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(self.drop(x))


def train(loader, epochs=3):
    torch.manual_seed(0)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Net().to(device)
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(epochs):
        model.train()
        running, correct = 0.0, 0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            # forward pass
            outputs = model(images)
            loss = criterion(outputs, labels)
            loss.backward()  # gradients
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            running += loss.item()
            correct += (outputs.argmax(1) == labels).sum().item()
        print(epoch, running, correct)
    model.eval()
    with torch.no_grad():
        for images, labels in loader:
            outputs = model(images)
    torch.save(model.state_dict(), "net.pt")
    return model


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


def fit(batches, steps):
    """No seed, no BatchNorm or Dropout, zero_grad after step, the loss as one expression."""
    net = MLP()
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3)
    i = 0
    while i < steps:
        for x, y in batches:
            x = x.view(x.size(0), -1)
            # the loss, with its logits kept for accuracy
            logits = net(x,)
            loss = F.cross_entropy(logits, y, reduction="mean")
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=True)
            acc = (logits.argmax(-1) == y).mean()
            i += 1
    return loss.item(), acc


def fine_tune(model: Net, batches):
    """A model of the file given as an argument; the loss computed from a nested call."""
    torch.manual_seed(1)
    sgd = optim.SGD(model.parameters(), lr=0.01)
    for x, y in batches:
        sgd.zero_grad()
        loss = F.nll_loss(F.log_softmax(model(x), dim=1), y)
        loss.backward()
        sgd.step()
