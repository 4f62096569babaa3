"""Which values are tensors, read where they stand: the value analysis at work."""
import typing
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
import torch
from torch.utils.data import DataLoader


class Pooling(nn.Module):
    width: typing.Any

    def setup(self):
        width = self.width
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, h):
        h = self.proj(h)
        return self.summarise(jnp.swapaxes(h, -1, -2))

    def summarise(self, h):
        # only ever called as self.summarise(tensor): h is a tensor
        return jnp.mean(h, axis=-1)


def flatten(images):
    # every call passes a tensor
    return jnp.reshape(images, (images.shape[0], -1))


def centre(batch, scale):
    shift = 0
    if scale > 1:
        shift = jnp.mean(batch)
    # shift may still be the int 0 here
    return batch - shift, shift


def evaluate(model, loader):
    total = 0
    for i, (images, labels) in enumerate(loader):
        flat = flatten(images)
        # switcheroo: SWR3013 'model' receives a converted Flax module (Pooling), which holds no weights...
        out = model(jnp.expand_dims(flat, 1))
        total = total + jnp.sum(out, axis=1)
        first, rest = switcheroo_runtime.chunk(out, 2, axis=0)
        centred, shift = centre(first, i + 2)
        stats = jnp.std(centred, axis=0, ddof=1), shift
        # stats[1] is the int 0 unless scale > 1: reported, not converted
        # switcheroo: SWR3005 .sum(...) may be torch.Tensor.sum, but 'stats[1]' is not known to be a...
        print(jnp.sum(stats[0]), stats[1].sum())
    return total


data = torch.utils.data.TensorDataset(torch.ones(8, 2, 4), torch.zeros(8))
loader = DataLoader(data, batch_size=4, collate_fn=switcheroo_runtime.NumpyCollate())
x = 3
x = jnp.ones((2, 4, 4))
print(flatten(x).shape[1])
print(evaluate(Pooling(8), loader))
