import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence


class SentimentClassifier(nn.Module):
    """Embedded tokens through a two-layer LSTM; the last layer's final state is classified."""

    def __init__(self, vocab=100, width=16, hidden=32, classes=3):
        super().__init__()
        self.embed = nn.Embedding(vocab, width)
        self.lstm = nn.LSTM(width, hidden, num_layers=2, batch_first=True, dropout=0.2)
        self.head = nn.Linear(hidden, classes)

    def forward(self, tokens):
        outputs, (h_n, c_n) = self.lstm(self.embed(tokens))
        return self.head(h_n[-1])


class Tagger(nn.Module):
    """A bidirectional GRU over sequence-first features, one tag per step."""

    def __init__(self, features, hidden, tags):
        super().__init__()
        self.gru = nn.GRU(features, hidden, bidirectional=True)
        self.out = nn.Linear(2 * hidden, tags)

    def forward(self, x, h0=None):
        states, _ = self.gru(x, h0)
        return self.out(states)


class Decoder(nn.Module):
    """A cell applied step by step, its state carried by hand."""

    def __init__(self, size=8, steps=5):
        super().__init__()
        self.steps = steps
        self.cell = nn.LSTMCell(size, size)
        self.rnn_cell = nn.RNNCell(size, size, nonlinearity="relu")

    def forward(self, x):
        h = torch.zeros(x.shape[0], 8)
        c = torch.zeros(x.shape[0], 8)
        outputs = []
        for _ in range(self.steps):
            h, c = self.cell(x, (h, c))
            x = self.rnn_cell(h)
            outputs.append(x)
        return torch.stack(outputs, dim=1)


class Encoder(nn.Module):
    """The recurrent class chosen by name, used as a value."""

    def __init__(self, kind="gru", size=8):
        super().__init__()
        layer = nn.GRU if kind == "gru" else nn.LSTM
        self.rnn = layer(size, size, 2, True, True)

    def forward(self, x):
        return self.rnn(x)[0]


class Packed(nn.Module):
    """pack_padded_sequence is reported, with what to write instead."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(4, 4)

    def forward(self, padded, lengths):
        packed = pack_padded_sequence(padded, lengths, enforce_sorted=False)
        _, h_n = self.rnn(packed)
        return h_n
