"""torchvision's StrEnum holds no torch: a class deriving from it is plain Python on the runtime's StrEnum."""
import torch.nn as nn
from torchvision._utils import StrEnum


class Size(StrEnum):
    SMALL = 16
    LARGE = 64

    @classmethod
    def parse(cls, text: str) -> "Size":
        return cls.from_str(text.upper())


class Stem(nn.Module):
    def __init__(self, size: str = "small") -> None:
        super().__init__()
        self.proj = nn.Linear(8, Size.parse(size).value)

    def forward(self, x):
        return self.proj(x)
