import torch.nn as nn


class Base(nn.Module):
    def __init__(self, w):
        super().__init__()
        self.fc = nn.Linear(w, w)

    def forward(self, x):
        return self.fc(x)


class Child(Base):
    def __init__(self, w):
        Base.__init__(self, w)
        self.extra = nn.ReLU()

    def forward(self, x):
        return self.extra(self.fc(x))


class Other(Base):
    def __init__(self, w):
        super().__init__(w)
        self.extra = nn.ReLU()
