import torch
import torch.nn as nn


class Scorer(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.proj = nn.Linear(6, hidden)
        self.head = nn.Linear(hidden, 2)

    def forward(self, x):
        return self.head(torch.tanh(self.proj(x)))


class NormedScorer(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.proj = nn.Linear(6, hidden)
        self.norm = nn.BatchNorm1d(hidden)
        self.drop = nn.Dropout(0.25)

    def forward(self, x):
        return self.drop(self.norm(self.proj(x)))


def seeded(x, y):
    torch.manual_seed(7)
    scorer = Scorer(12)
    first = scorer(x)
    return first + scorer(y)


def seeded_eval(x):
    torch.manual_seed(3)
    scorer = NormedScorer(5)
    scorer.eval()
    with torch.no_grad():
        return scorer(x).softmax(dim=-1)


def unseeded(x):
    scorer = Scorer(4)
    return scorer(x)


def training_mode(x):
    torch.manual_seed(1)
    scorer = NormedScorer(5)
    return scorer(x)


def in_branch(x, flag):
    torch.manual_seed(2)
    scorer = Scorer(3)
    if flag:
        x = scorer(x)
    return scorer(x)


def nested(x):
    torch.manual_seed(4)
    scorer = Scorer(6)

    def score(v):
        return scorer(v)

    return score(x)


def rebuilt(x, wide):
    torch.manual_seed(5)
    scorer = Scorer(3)
    if wide:
        scorer = Scorer(9)
    return scorer(x)


def apply_to(scorer, x):
    return scorer(x)


def run(x):
    return apply_to(Scorer(8), x)
