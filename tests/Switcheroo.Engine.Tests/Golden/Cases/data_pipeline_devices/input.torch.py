"""A classifier fed by torchvision: the pipeline stays torch, the device code goes."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset, random_split
from torchvision import datasets, transforms
from torchvision.utils import save_image

torch.backends.cudnn.benchmark = True
torch.backends.cuda.matmul.allow_tf32 = False
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


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
    images = torch.stack([b[0] for b in batch])
    return images, torch.tensor([b[1] for b in batch])


class Classifier(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.hidden = nn.Linear(28 * 28, 64)
        self.out = nn.Linear(64, classes)

    def forward(self, x):
        x = torch.flatten(x, 1)
        return self.out(F.relu6(self.hidden(x)))


def main():
    normalize = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
    full = Noisy(datasets.FashionMNIST("data", train=True, download=True, transform=normalize), 0.9)
    train_part, valid_part = random_split(full, [50000, 10000])
    train_loader = DataLoader(train_part, batch_size=128, shuffle=True, num_workers=2)
    valid_loader = DataLoader(valid_part, 256, collate_fn=pad_labels)

    torch.cuda.manual_seed_all(1)
    model = Classifier().to(device)
    if torch.cuda.device_count() > 1:
        print("several GPUs")
    for images, labels in valid_loader:
        images, labels = images.to(device), labels.to(device)
        print(images.shape, labels.shape)
        save_image(images[:16], "batch.png", nrow=4)
        break


if __name__ == "__main__":
    main()
