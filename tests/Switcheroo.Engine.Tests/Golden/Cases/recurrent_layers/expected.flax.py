import typing
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
from torch.nn.utils.rnn import pack_padded_sequence


class SentimentClassifier(nn.Module):
    """Embedded tokens through a two-layer LSTM; the last layer's final state is classified."""

    vocab: int = 100
    width: int = 16
    hidden: int = 32
    classes: int = 3
    train: bool = True

    def setup(self):
        vocab = self.vocab
        width = self.width
        hidden = self.hidden
        classes = self.classes
        self.embed = nn.Embed(
            num_embeddings=vocab, features=width, embedding_init=nn.initializers.normal(stddev=1.0)
        )
        self.lstm = switcheroo_runtime.LSTM(
            input_size=width,
            hidden_size=hidden,
            num_layers=2,
            batch_first=True,
            dropout=0.2,
            deterministic=not self.train,
        )
        self.head = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(hidden),
        )

    def __call__(self, tokens):
        outputs, (h_n, c_n) = self.lstm(self.embed(tokens))
        return self.head(h_n[-1])


class Tagger(nn.Module):
    """A bidirectional GRU over sequence-first features, one tag per step."""

    features: typing.Any
    hidden: typing.Any
    tags: typing.Any
    train: bool = True

    def setup(self):
        features = self.features
        hidden = self.hidden
        tags = self.tags
        self.gru = switcheroo_runtime.GRU(
            input_size=features,
            hidden_size=hidden,
            bidirectional=True,
            deterministic=not self.train,
        )
        self.out = nn.Dense(
            features=tags,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(2 * hidden),
        )

    def __call__(self, x, h0=None):
        states, _ = self.gru(x, h0)
        return self.out(states)


class Decoder(nn.Module):
    """A cell applied step by step, its state carried by hand."""

    size: int = 8
    steps: int = 5

    def setup(self):
        size = self.size
        self.cell = switcheroo_runtime.LSTMCell(input_size=size, hidden_size=size)
        self.rnn_cell = switcheroo_runtime.RNNCell(
            input_size=size, hidden_size=size, nonlinearity="relu"
        )

    def __call__(self, x):
        h = jnp.zeros((x.shape[0], 8))
        c = jnp.zeros((x.shape[0], 8))
        outputs = []
        for _ in range(self.steps):
            h, c = self.cell(x, (h, c))
            x = self.rnn_cell(h)
            outputs.append(x)
        return jnp.stack(outputs, axis=1)


class Encoder(nn.Module):
    """The recurrent class chosen by name, used as a value."""

    kind: str = "gru"
    size: int = 8
    train: bool = True

    def setup(self):
        kind = self.kind
        size = self.size
        layer = switcheroo_runtime.recurrent_layer(
            "GRU", self.train
        ) if kind == "gru" else switcheroo_runtime.recurrent_layer("LSTM", self.train)
        self.rnn = layer(size, size, 2, True, True)

    def __call__(self, x):
        return self.rnn(x)[0]


class Packed(nn.Module):
    """pack_padded_sequence is reported, with what to write instead."""

    train: bool = True

    def setup(self):
        self.rnn = switcheroo_runtime.RNN(input_size=4, hidden_size=4, deterministic=not self.train)

    def __call__(self, padded, lengths):
        # switcheroo: SWR3002 torch.nn.utils.rnn.pack_padded_sequence is not converted: a PackedSequence...
        packed = pack_padded_sequence(padded, lengths, enforce_sorted=False)
        _, h_n = self.rnn(packed)
        return h_n
