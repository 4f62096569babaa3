"""Tensor facts: what calling a module of the file returns, the pieces of a split, batches of a DataLoader."""
from typing import List

import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
from torch.utils.data import DataLoader, Dataset, TensorDataset


class Attention(nn.Module):
    dim: typing.Any
    heads: typing.Any

    def setup(self):
        dim = self.dim
        self.qkv = nn.Dense(
            features=dim * 3,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(dim),
        )
        self.proj = nn.Dense(
            features=dim,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(dim),
        )

    def __call__(self, x):
        b, n, c = x.shape
        # the pieces of a chunk are tensors
        q, k, v = switcheroo_runtime.chunk(self.qkv(x), 3, axis=-1)
        q = jnp.swapaxes(jnp.reshape(q, (b, n, self.heads, -1)), 1, 2)
        k = jnp.swapaxes(jnp.reshape(k, (b, n, self.heads, -1)), 1, 2)
        v = jnp.swapaxes(jnp.reshape(v, (b, n, self.heads, -1)), 1, 2)
        attn = jax.nn.softmax((q @ jnp.swapaxes(k, -2, -1)), axis=-1)
        return self.proj(jnp.reshape(jnp.swapaxes((attn @ v), 1, 2), (b, n, c)))


class Block(nn.Module):
    dim: typing.Any

    def setup(self):
        dim = self.dim
        self.attn = Attention(dim, 2)
        self.norm = nn.LayerNorm(
            epsilon=1e-5,
            reduction_axes=switcheroo_runtime.trailing_axes(dim),
            feature_axes=switcheroo_runtime.trailing_axes(dim),
            use_fast_variance=False,
        )

    def __call__(self, x):
        # self.attn(...) is what Attention.forward returns: a tensor
        return x + jax.nn.relu(self.attn(self.norm(x)))


class Detector(nn.Module):
    """Returns a tuple of a tensor and a dict: the result is no tensor, its first item is."""

    dim: typing.Any

    def setup(self):
        dim = self.dim
        self.block = Block(dim)
        self.head = nn.Dense(
            features=4,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(dim),
        )

    def __call__(self, x):
        h = self.block(x)
        return self.head(h), {"features": h}


def pieces(x: jax.Array):
    # an annotated parameter is a tensor; split, unbind and their unpacking give tensors
    left, right = switcheroo_runtime.split(x, 2, axis=1)
    rows = [jnp.sum(t) for t in jnp.unstack(x, axis=0)]
    first, second = jnp.unstack(x[:2], axis=0)
    halves = switcheroo_runtime.split(x, [1, 3], axis=1)
    return jnp.mean(left, axis=1), jnp.mean(right, axis=1), rows, jnp.sum(first), jnp.sum(
        second
    ), jnp.sum(halves[0])


def detect(model, x):
    # switcheroo: SWR3013 'model' receives a converted Flax module (Detector), which holds no...
    result = model(x)
    scores = jax.nn.softmax(result[0], axis=-1)
    # an item of the dict is not known to be a tensor
    # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'result[1]["features"]' is not...
    features = result[1]["features"].mean(dim=1)
    return scores, features


def train(data: TensorDataset):
    loader = DataLoader(data, batch_size=4, collate_fn=switcheroo_runtime.NumpyCollate())
    model = Detector(8)
    for images, labels in loader:
        # a DataLoader built here gives batches of arrays
        boxes, extra = model(jnp.reshape(images, (images.shape[0], 3, -1)))
        print(jnp.sum(boxes, axis=-1), labels.shape[0], detect(model, images))
        print(pieces(jnp.reshape(images, (images.shape[0], -1))))


class Pairs(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i: int):
        return jnp.ones((4,)) * i, i


class Named(Dataset):
    def __getitem__(self, i: int):
        return {"image": jnp.ones((4,)), "name": str(i)}


def stack_pairs(batch):
    return jnp.stack([b[0] for b in batch]), jnp.asarray([b[1] for b in batch])


def loaders(data):
    # the default collate over a dataset of the file: its samples, a tensor and an int, stacked
    for x, y in DataLoader(Pairs(), batch_size=4, collate_fn=switcheroo_runtime.NumpyCollate()):
        print(jnp.mean(x, axis=0), jnp.sum(y))
    # a dict per sample gives a dict batch: not known to be tensors
    for batch in DataLoader(Named(), batch_size=2, collate_fn=switcheroo_runtime.NumpyCollate()):
        # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'batch["image"]' is not known to...
        print(batch["image"].mean(dim=0))
    # a collate function of the file: what it returns
    for x, y in DataLoader(
        Pairs(), batch_size=4, collate_fn=switcheroo_runtime.NumpyCollate(stack_pairs)
    ):
        print(jnp.sum(x, axis=1), y.shape[0])
    # any other collate function: not known
    for x, y in DataLoader(
        data, batch_size=4, collate_fn=switcheroo_runtime.NumpyCollate(lambda b: b)
    ):
        # switcheroo: SWR3005 .sum(...) may be torch.Tensor.sum, but 'x' is not known to be a tensor...
        print(x.sum(dim=1))


def grown(n: int):
    # an annotated assignment holds what its annotation declares, however the list grows
    parts: List[jax.Array] = []
    for i in range(n):
        parts.append(jnp.ones((2,)) * i)
    return [jnp.clip(p, min=0.5) for p in parts]


def appended(n: int, names):
    # a list a name holds has the items appended to it: tensors here
    outs = []
    for i in range(n):
        outs.append(jnp.ones((2,)) * i)
    first = [jnp.sum(o) for o in outs]
    # and here anything: not known to be tensors
    outs.append(names[0])
    # switcheroo: SWR3005 .sum(...) may be torch.Tensor.sum, but 'o' is not known to be a tensor...
    return first, [o.sum() for o in outs]
