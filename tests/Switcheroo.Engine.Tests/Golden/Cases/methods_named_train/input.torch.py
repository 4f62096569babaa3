"""Methods that are only named like torch's train()/eval(), and a switch quoted over two lines."""
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        self.drop = nn.Dropout(0.5)

    def forward(self, x):
        return self.drop(self.fc(x))


class Trainer:
    """Not a module: its train() runs epochs."""

    def __init__(self, net):
        self.net = net

    def train(self, epochs=1):
        return epochs


def run(loader, agent, nets):
    trainer = Trainer(Net())
    trainer.train(3)
    trainer.train()
    agent.train(loader, epochs=2)
    agent.train("fast")
    (nets
        [0]).eval()
