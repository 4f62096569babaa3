"""Torch layers used as objects, not only called in forward: each is reported where Flax differs."""
from collections import OrderedDict

import typing
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn


class Tied(linen.Module):
    """Weight tying and reads of a layer's settings: a Flax layer holds no weights, names settings otherwise."""

    vocab: typing.Any
    dim: typing.Any

    def setup(self):
        vocab = self.vocab
        dim = self.dim
        self.emb = linen.Embed(
            num_embeddings=vocab, features=dim, embedding_init=linen.initializers.normal(stddev=1.0)
        )
        self.head = linen.Dense(
            features=vocab,
            use_bias=False,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(dim),
        )
        # switcheroo: SWR3001 torch.nn.Linear.weight has no mapping: a Flax layer holds no weights (they...
        # switcheroo: SWR3001 torch.nn.Embedding.weight has no mapping: a Flax layer holds no weights...
        self.head.weight = self.emb.weight
        # switcheroo: SWR3001 torch.nn.Embedding.embedding_dim has no mapping: a Flax layer holds no...
        self.width = self.emb.embedding_dim

    def __call__(self, x):
        return self.head(self.emb(x))


# switcheroo: SWR3006 class Doubled derives from torch.nn.Linear, and a Flax layer is no base for...
class Doubled(nn.Linear):
    """A class deriving from a torch layer: a Flax layer is no base for it."""

    def forward(self, x):
        return super().forward(x) * 2


shared = linen.Dense(
    features=4,
    kernel_init=switcheroo_runtime.torch_kernel_init,
    bias_init=switcheroo_runtime.torch_bias_init(4),
)
act = linen.relu


def project(x):
    """A layer built at the top of the file, called in a function: it has no variables there."""
    # switcheroo: SWR3001 'shared' is a torch.nn.Linear called outside a converted module: a Flax...
    return act(shared(x))


class Named(linen.Module):
    def setup(self):
        layers = OrderedDict(
            [
                (
                    "fc",
                    linen.Dense(
                        features=2,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(2),
                    ),
                ),
                ("act", linen.relu),
            ]
        )
        self.body = switcheroo_runtime.named_sequential(layers)
        self.tail = linen.Sequential([self.body])

    def __call__(self, x):
        return self.tail(x)


class Encoder(linen.Module):
    def setup(self):
        self.fc = linen.Dense(
            features=4,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )

    def encode(self, x):
        return self.fc(x)

    def __call__(self, x):
        return self.encode(x)


def shared_encoder():
    """A method the class defines is the class's; one it does not is torch.nn.Module's."""
    encoder = Encoder()
    # switcheroo: SWR3001 Encoder defines no 'share_memory', so it is torch.nn.Module.share_memory...
    encoder.share_memory()
    return encoder


class Pair(linen.Module):
    def __call__(self, x):
        return x, x * 2


class Chained(linen.Module):
    """flax.linen.Sequential spreads a tuple over the next layer's arguments; torch passes it whole."""

    def setup(self):
        # switcheroo: SWR3003 nn.Sequential(...) not converted: Pair's forward returns a tuple, which...
        self.body = nn.Sequential(Pair(), lambda x: x)
        self.tail = linen.Sequential(
            [
                linen.Dense(
                    features=4,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(4),
                ),
                Pair(),
            ]
        )

    def __call__(self, x):
        return self.body(x), self.tail(x)
