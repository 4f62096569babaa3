"""A classifier fed by torchvision: the pipeline stays torch, the device code goes."""
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime
import torch
from torch.utils.data import DataLoader, Dataset, random_split
from torchvision import datasets, transforms
from torchvision.utils import save_image



class Noisy(Dataset):
    def __init__(self, base, scale):
        self.base = base
        self.scale = scale

    def __len__(self):
        return len(self.base)

    def __getitem__(self, index):
        image, label = self.base[index]
        return image * self.scale, label


def pad_labels(batch):
    images = jnp.stack([b[0] for b in batch])
    return images, jnp.asarray([b[1] for b in batch])


class Classifier(nn.Module):
    classes: int = 10

    def setup(self):
        classes = self.classes
        self.hidden = nn.Dense(
            features=64,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(28 * 28),
        )
        self.out = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(64),
        )

    def __call__(self, x):
        x = jnp.reshape(x, x.shape[:1] + (-1,))
        return self.out(jax.nn.relu6(self.hidden(x)))


def main():
    normalize = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
    full = Noisy(datasets.FashionMNIST("data", train=True, download=True, transform=normalize), 0.9)
    train_part, valid_part = random_split(full, [50000, 10000])
    train_loader = DataLoader(
        train_part,
        batch_size=128,
        shuffle=True,
        num_workers=2,
        collate_fn=switcheroo_runtime.NumpyCollate(),
    )
    valid_loader = DataLoader(
        valid_part, 256, collate_fn=switcheroo_runtime.NumpyCollate(pad_labels)
    )

    model = Classifier()
    # switcheroo: SWR3002 torch.cuda.device_count is not converted: JAX places computations itself...
    if torch.cuda.device_count() > 1:
        print("several GPUs")
    for images, labels in valid_loader:
        print(images.shape, labels.shape)
        save_image(switcheroo_runtime.to_torch(images[:16]), "batch.png", nrow=4)
        break


if __name__ == "__main__":
    main()
