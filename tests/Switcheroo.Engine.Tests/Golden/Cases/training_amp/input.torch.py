import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.cuda.amp import GradScaler, autocast


class Tagger(nn.Module):
    def __init__(self, vocabulary, tags):
        super().__init__()
        self.embed = nn.Linear(vocabulary, 32)
        self.head = nn.Linear(32, tags)

    def forward(self, tokens):
        return self.head(F.gelu(self.embed(tokens)))


def train_scaled(loader, epochs):
    torch.manual_seed(11)
    tagger = Tagger(50, 7)
    adamw = torch.optim.AdamW(tagger.parameters(), lr=3e-4)
    scaler = GradScaler()
    for epoch in range(epochs):
        for tokens, tags in loader:
            adamw.zero_grad()
            # half precision where torch allows it
            with autocast():
                scores = tagger(tokens)
                loss = F.cross_entropy(scores, tags)
            scaler.scale(loss).backward()
            scaler.unscale_(adamw)
            torch.nn.utils.clip_grad_norm_(tagger.parameters(), 2.0)
            scaler.step(adamw)
            scaler.update()
    return tagger


def train_bfloat16(loader):
    torch.manual_seed(12)
    tagger = Tagger(20, 3)
    sgd = torch.optim.SGD(tagger.parameters(), lr=0.01)
    for tokens, tags in loader:
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16):
            loss = F.cross_entropy(tagger(tokens), tags)
        loss.backward()
        sgd.step()
        sgd.zero_grad()


def predict(tagger, tokens):
    with torch.autocast("cuda"):
        return tagger(tokens).argmax(dim=1)


def scaled_elsewhere(loader):
    tagger = Tagger(20, 3)
    sgd = torch.optim.SGD(tagger.parameters(), lr=0.01)
    scaler = torch.cuda.amp.GradScaler(init_scale=1024.0)
    for tokens, tags in loader:
        sgd.zero_grad()
        loss = F.cross_entropy(tagger(tokens), tags)
        scaler.scale(loss).backward()
        scaler.step(sgd)
        print(scaler.get_scale())
        scaler.update()
